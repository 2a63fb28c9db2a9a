// MUTANT: get-then-set under a lock that lives in one worker: safe in one process, racy across workers
import express from 'express';
import { defineVariant } from '../../../harness/contract.js';

export default defineVariant(({ store }) => {
  const app = express();
  app.use(express.json({ limit: '1kb' }));
  // MUTANT: a promise-chain mutex in module memory. It serialises this worker's requests, so naive's
  // race is gone under one worker; the other workers have locks of their own and still read the
  // same old value and overwrite each other.
  let lock: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const run = lock.then(work);
    lock = run.catch(() => undefined);
    return run;
  };

  app.post('/incr', async (_req, res) => {
    const count = await exclusive(async () => {
      const current = Number((await store.get('count')) ?? 0);
      await store.set('count', String(current + 1));
      return current + 1;
    });
    res.json({ count });
  });

  app.get('/count', async (_req, res) => {
    res.json({ count: Number((await store.get('count')) ?? 0) });
  });

  return app;
});
