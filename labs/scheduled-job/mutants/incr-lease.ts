// CORRECT: the lease as a counter: the worker whose increment makes it 1 runs the tick, then sets its expiry
import cron from 'node-cron';
import { defineVariant } from '../../../harness/contract.js';
import { digestApp, EVERY_SECOND, sendDigest } from '../outbox.js';

export default defineVariant(({ store, dataDir, workerId }) => {
  const app = digestApp({ dataDir, workerId });
  cron.schedule(EVERY_SECOND, async ({ date }) => {
    // One atomic increment per worker and tick: exactly one of them sees 1. The expiry only cleans up.
    const key = `digest:${date.toISOString()}`;
    const n = await store.incr(key);
    if (n !== 1) return;
    await store.expire(key, 60_000);
    sendDigest(dataDir, date, workerId);
  }, { name: 'digest' });
  return app;
});
