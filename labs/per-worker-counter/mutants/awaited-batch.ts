// CORRECT: batches concurrent increments into one store call, but answers each only after its batch was applied
import express from 'express';
import { defineVariant } from '../../../harness/contract.js';

export default defineVariant(({ store }) => {
  const app = express();
  app.use(express.json({ limit: '1kb' }));
  // Increments that arrive while a batch is on its way to the store wait for the next one. Batching
  // is not the mistake; acknowledging before the store applied the increment is.
  let waiting = 0;
  let nextBatch: Promise<number> | undefined;
  const flushSoon = (): Promise<number> => {
    nextBatch ??= new Promise<number>((resolve, reject) => {
      setImmediate(() => {
        const batch = waiting;
        waiting = 0;
        nextBatch = undefined;
        store.incr('count', batch).then(resolve, reject);
      });
    });
    return nextBatch;
  };

  app.post('/incr', async (_req, res) => {
    waiting += 1;
    const count = await flushSoon(); // answered once the store holds this increment
    res.json({ count });
  });

  app.get('/count', async (_req, res) => {
    res.json({ count: Number((await store.get('count')) ?? 0) });
  });

  return app;
});
