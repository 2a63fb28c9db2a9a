// MUTANT: fire-and-forget increment: answers 200 before the store has counted the request
import express from 'express';
import { defineVariant } from '../../../harness/contract.js';

export default defineVariant(({ store }) => {
  const app = express();
  app.use(express.json({ limit: '1kb' }));

  app.post('/incr', (_req, res) => {
    // MUTANT: "the client does not need to wait for the store": the increment is sent but not awaited,
    // so the 200 goes out while the store may not have applied it yet. A read that starts after this
    // answer can still miss it (a slow store, or one that applies operations out of order).
    void store.incr('count');
    res.json({ counted: true });
  });

  app.get('/count', async (_req, res) => {
    res.json({ count: Number((await store.get('count')) ?? 0) });
  });

  return app;
});
