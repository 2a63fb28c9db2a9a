// MUTANT: batches increments in the worker and flushes them to the store every 100 ms, after answering
import express from 'express';
import { defineVariant } from '../../../harness/contract.js';

const FLUSH_EVERY_MS = 100;

export default defineVariant(({ store }) => {
  const app = express();
  app.use(express.json({ limit: '1kb' }));
  // MUTANT: "one store call per 100 ms instead of one per request": increments wait in this worker's
  // memory, and the request is answered before they reach the store. Until the next flush every
  // other worker (and this one's /count) misses them; if the worker dies, they are gone.
  let pending = 0;
  setInterval(() => {
    if (pending === 0) return;
    const batch = pending;
    pending = 0;
    void store.incr('count', batch);
  }, FLUSH_EVERY_MS).unref();

  app.post('/incr', (_req, res) => {
    pending += 1; // MUTANT: acknowledged now, counted in the store later
    res.json({ queued: pending });
  });

  app.get('/count', async (_req, res) => {
    res.json({ count: Number((await store.get('count')) ?? 0) });
  });

  return app;
});
