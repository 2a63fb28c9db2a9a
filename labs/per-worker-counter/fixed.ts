// The counter kept in the shared store and changed by one atomic operation of that store.
import express from 'express';
import { defineVariant } from '../../harness/contract.js';

export default defineVariant(({ store }) => {
  const app = express();
  app.use(express.json({ limit: '1kb' })); // no body is needed, but a malformed one is refused (400)

  app.post('/incr', async (_req, res) => {
    // FIX: the whole read-modify-write happens inside the store, which every worker shares.
    const count = await store.incr('count');
    res.json({ count });
  });

  app.get('/count', async (_req, res) => {
    // FIX: read the shared value on every request; this worker keeps no copy of its own.
    res.json({ count: Number((await store.get('count')) ?? 0) });
  });

  return app;
});
