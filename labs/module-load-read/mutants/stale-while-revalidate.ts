// MUTANT: answers from its cache and refreshes the cache after answering (stale-while-revalidate)
// Every request triggers a fresh read, so the cache is never more than one request behind; but the
// first request after each change, on each worker, gets the old price: the answer goes out before
// the read that would have changed it.
import express from 'express';
import { defineVariant } from '../../../harness/contract.js';
import { readPrice, readPriceSync, type Price } from '../price-file.js';

export default defineVariant(({ dataDir }) => {
  const app = express();
  let price: Price = readPriceSync(dataDir);

  app.get('/price', (_req, res) => {
    res.json(price); // MUTANT: answered before the read below has happened
    readPrice(dataDir).then((p) => { price = p; }, () => { /* keep the last good one */ });
  });

  return app;
});
