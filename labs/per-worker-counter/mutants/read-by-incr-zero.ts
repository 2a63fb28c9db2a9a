// CORRECT: reads with an atomic incr by 0 instead of get; still one store operation, nothing kept in the worker
import express from 'express';
import { defineVariant } from '../../../harness/contract.js';

export default defineVariant(({ store }) => {
  const app = express();
  app.use(express.json({ limit: '1kb' }));

  app.post('/incr', async (_req, res) => {
    res.json({ count: await store.incr('count') });
  });

  app.get('/count', async (_req, res) => {
    // Adding 0 returns the current value (0 for a missing key): a read done by the store itself.
    res.json({ count: await store.incr('count', 0) });
  });

  return app;
});
