// MUTANT: the lease is keyed by the moment the worker asks, not by the tick it runs
import cron from 'node-cron';
import { defineVariant } from '../../../harness/contract.js';
import { digestApp, EVERY_SECOND, sendDigest } from '../outbox.js';

export default defineVariant(({ store, dataDir, workerId }) => {
  const app = digestApp({ dataDir, workerId });
  cron.schedule(EVERY_SECOND, async ({ date }) => {
    // MUTANT: Date.now() differs from worker to worker by a millisecond or more, so every worker asks
    // for a different key and wins it. The key must name the tick (`date`), which all workers share.
    if (await store.setIfAbsent(`digest:${new Date().toISOString()}`, workerId, 60_000)) sendDigest(dataDir, date, workerId);
  }, { name: 'digest' });
  return app;
});
