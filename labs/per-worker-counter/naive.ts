// The counter moved into the shared store, but still read, changed and written back in three steps:
// the race that seed 003's second answer warns about.
import express from 'express';
import { defineVariant } from '../../harness/contract.js';

export default defineVariant(({ store }) => {
  const app = express();
  app.use(express.json({ limit: '1kb' })); // no body is needed, but a malformed one is refused (400)

  app.post('/incr', async (_req, res) => {
    // BUG: get, then set. While this request awaits the store, other requests (on this worker too:
    // Node interleaves requests at every `await`) read the same old value, and the last write wins.
    const current = Number((await store.get('count')) ?? 0);
    await store.set('count', String(current + 1));
    res.json({ count: current + 1 });
  });

  app.get('/count', async (_req, res) => {
    res.json({ count: Number((await store.get('count')) ?? 0) });
  });

  return app;
});
