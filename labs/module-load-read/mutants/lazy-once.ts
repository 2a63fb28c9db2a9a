// MUTANT: reads the price lazily on the first request, then keeps it for the life of the worker
// "Don't read at import time" taken literally: the read moved into the handler, but behind a cache
// that nothing ever empties. It is the module-load read again, only one request later.
import express from 'express';
import { defineVariant } from '../../../harness/contract.js';
import { readPrice, type Price } from '../price-file.js';

export default defineVariant(({ dataDir }) => {
  const app = express();
  let price: Price | undefined;

  app.get('/price', async (_req, res) => {
    // MUTANT: filled once, on this worker's first request, and never refreshed.
    price ??= await readPrice(dataDir);
    res.json(price);
  });

  return app;
});
