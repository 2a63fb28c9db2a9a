// MUTANT: caches the count for one second in each worker: reads in that second miss what was counted since
import express from 'express';
import { defineVariant } from '../../../harness/contract.js';

const CACHE_MS = 1000;

export default defineVariant(({ store }) => {
  const app = express();
  app.use(express.json({ limit: '1kb' }));
  // MUTANT: "a second of staleness never hurt anyone": each worker answers /count from its own copy
  // for up to a second. Every increment acknowledged in that second, on any worker, is missing from
  // it; with reads only after the last increment, the first read refreshes and all looks right.
  let cached: { count: number; at: number } | undefined;

  app.post('/incr', async (_req, res) => {
    res.json({ count: await store.incr('count') });
  });

  app.get('/count', async (_req, res) => {
    if (!cached || Date.now() - cached.at > CACHE_MS) { // MUTANT: a read within the second is not a read
      cached = { count: Number((await store.get('count')) ?? 0), at: Date.now() };
    }
    res.json({ count: cached.count });
  });

  return app;
});
