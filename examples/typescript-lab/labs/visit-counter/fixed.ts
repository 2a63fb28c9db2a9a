import express from 'express';
import { defineVariant } from 'worker-state-lab';

export default defineVariant(({ store }) => {
  const app = express();
  app.post('/visit', async (_req, res) => {
    // FIX: one atomic increment in the store every worker shares.
    res.json({ count: await store.incr('visits') });
  });
  app.get('/visits', async (_req, res) => {
    res.json({ count: Number((await store.get('visits')) ?? 0) });
  });
  return app;
});
