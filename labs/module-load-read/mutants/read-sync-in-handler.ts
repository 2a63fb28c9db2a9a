// CORRECT: reads the file synchronously inside the handler; it blocks the worker for a moment but is never stale
// The same decision as fixed.ts (read when a request needs it), with the blocking call: fine for a
// small local file, though an async read lets the worker serve others meanwhile.
import express from 'express';
import { defineVariant } from '../../../harness/contract.js';
import { readPriceSync } from '../price-file.js';

export default defineVariant(({ dataDir }) => {
  const app = express();

  app.get('/price', (_req, res) => {
    res.json(readPriceSync(dataDir));
  });

  return app;
});
