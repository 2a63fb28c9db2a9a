import express from 'express';
import { defineVariant } from 'worker-state-lab';

// BUG: one number per worker process; each worker counts the visits it served, and no others.
let visits = 0;

export default defineVariant(() => {
  const app = express();
  app.post('/visit', (_req, res) => {
    visits += 1;
    res.json({ count: visits });
  });
  app.get('/visits', (_req, res) => {
    res.json({ count: visits });
  });
  return app;
});
