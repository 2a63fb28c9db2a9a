// MUTANT: caches the count on its first read and never asks the store again
import express from 'express';
import { defineVariant } from '../../../harness/contract.js';

export default defineVariant(({ store }) => {
  const app = express();
  app.use(express.json({ limit: '1kb' }));
  // MUTANT: "save a store round trip per page view": each worker remembers the first count it read.
  // Looks right when the first read comes after every increment; wrong for every read after that.
  let cached: number | undefined;

  app.post('/incr', async (_req, res) => {
    const count = await store.incr('count');
    res.json({ count });
  });

  app.get('/count', async (_req, res) => {
    cached ??= Number((await store.get('count')) ?? 0); // MUTANT: filled once, never refreshed
    res.json({ count: cached });
  });

  return app;
});
