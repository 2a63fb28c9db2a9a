// MUTANT: the lease key names the worker as well as the tick, so every worker gets a lease of its own
import cron from 'node-cron';
import { defineVariant } from '../../../harness/contract.js';
import { digestApp, EVERY_SECOND, sendDigest } from '../outbox.js';

export default defineVariant(({ store, dataDir, workerId }) => {
  const app = digestApp({ dataDir, workerId });
  cron.schedule(EVERY_SECOND, ({ date }) => sendDigest(dataDir, date, workerId), {
    name: 'digest',
    distributed: true,
    distributedLease: 60_000,
    // MUTANT: "one lease per instance" sounds tidy, but set-if-absent on a key nobody else sets always
    // succeeds: each worker wins its own key, and each sends.
    runCoordinator: { shouldRun: (key, ttlMs) => store.setIfAbsent(`${key}:${workerId}`, workerId, ttlMs) },
  });
  return app;
});
