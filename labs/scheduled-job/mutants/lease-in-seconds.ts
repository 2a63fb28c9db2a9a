// MUTANT: the lease's time to live written in seconds, where node-cron counts milliseconds
import cron from 'node-cron';
import { defineVariant } from '../../../harness/contract.js';
import { digestApp, EVERY_SECOND, sendDigest } from '../outbox.js';

export default defineVariant(({ store, dataDir, workerId }) => {
  const app = digestApp({ dataDir, workerId });
  cron.schedule(EVERY_SECOND, ({ date }) => sendDigest(dataDir, date, workerId), {
    name: 'digest',
    distributed: true,
    // MUTANT: meant "5 seconds"; it is 5 ms. A worker whose clock fires, or whose store answers, a few
    // milliseconds after the winner finds the lease already gone, takes it again, and sends again.
    distributedLease: 5,
    runCoordinator: { shouldRun: (key, ttlMs) => store.setIfAbsent(key, workerId, ttlMs) },
  });
  return app;
});
