// MUTANT: a coordinator that remembers the ticks it ran in process memory
import cron from 'node-cron';
import { defineVariant } from '../../../harness/contract.js';
import { digestApp, EVERY_SECOND, sendDigest } from '../outbox.js';

// MUTANT: a module-level set is one per worker process: each worker sees only the ticks it ran
// itself, so each one runs every tick once, and the digest still goes out once per worker.
const ran = new Set<string>();

export default defineVariant(({ dataDir, workerId }) => {
  const app = digestApp({ dataDir, workerId });
  cron.schedule(EVERY_SECOND, ({ date }) => sendDigest(dataDir, date, workerId), {
    name: 'digest',
    distributed: true,
    runCoordinator: {
      shouldRun: (key) => {
        if (ran.has(key)) return false;
        ran.add(key);
        return true;
      },
    },
  });
  return app;
});
