// MUTANT: asks for the lease without awaiting the answer: a pending promise is truthy
import cron from 'node-cron';
import { defineVariant } from '../../../harness/contract.js';
import { digestApp, EVERY_SECOND, sendDigest } from '../outbox.js';

export default defineVariant(({ store, dataDir, workerId }) => {
  const app = digestApp({ dataDir, workerId });
  cron.schedule(EVERY_SECOND, ({ date }) => sendDigest(dataDir, date, workerId), {
    name: 'digest',
    distributed: true,
    distributedLease: 60_000,
    // MUTANT: Boolean(promise) is true whatever the promise will say, so every worker runs every
    // tick; the store does record one winner, which nobody reads.
    runCoordinator: { shouldRun: (key, ttlMs) => Boolean(store.setIfAbsent(key, workerId, ttlMs)) },
  });
  return app;
});
