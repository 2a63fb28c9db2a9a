// MUTANT: re-reads the price file every second in the background and serves the last value read
// Bounded staleness without saying so: for up to a second after each change every worker serves
// the old price, and the lab's fix promises none.
import express from 'express';
import { defineVariant } from '../../../harness/contract.js';
import { readPrice, readPriceSync, type Price } from '../price-file.js';

const POLL_MS = 1000;

export default defineVariant(({ dataDir }) => {
  const app = express();
  let price: Price = readPriceSync(dataDir);
  // MUTANT: a change is seen at the next tick of this timer, not by the next request.
  setInterval(() => {
    readPrice(dataDir).then((p) => { price = p; }, () => { /* keep the last good one */ });
  }, POLL_MS).unref();

  app.get('/price', (_req, res) => {
    res.json(price);
  });

  return app;
});
