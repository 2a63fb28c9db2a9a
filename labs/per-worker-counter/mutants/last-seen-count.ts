// MUTANT: /count answers with the value this worker's last increment returned, not the store's
import express from 'express';
import { defineVariant } from '../../../harness/contract.js';

export default defineVariant(({ store }) => {
  const app = express();
  app.use(express.json({ limit: '1kb' }));
  // MUTANT: "incr already told us the count, why ask again?": each worker keeps the last total it
  // heard of. Other workers' increments since then are missing from its /count.
  let lastSeen = 0;

  app.post('/incr', async (_req, res) => {
    lastSeen = await store.incr('count');
    res.json({ count: lastSeen });
  });

  app.get('/count', (_req, res) => {
    res.json({ count: lastSeen }); // MUTANT: this worker's memory again, one step removed
  });

  return app;
});
