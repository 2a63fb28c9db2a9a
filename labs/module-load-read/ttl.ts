// A middle way: keep the price for a fixed time, then read it again. Stale on purpose, but bounded.
import express from 'express';
import { defineVariant } from '../../harness/contract.js';
import { readPrice, type Price } from './price-file.js';

/** How old a served price may be: the staleness this variant accepts by design. */
export const TTL_MS = 250;

export default defineVariant(({ dataDir }) => {
  const app = express();
  // BUG: (on purpose) for up to TTL_MS after a change, this worker still serves the old price.
  let cached: { price: Price; until: number } | undefined;

  app.get('/price', async (_req, res) => {
    if (!cached || Date.now() >= cached.until) {
      cached = { price: await readPrice(dataDir), until: Date.now() + TTL_MS };
    }
    res.json(cached.price);
  });

  return app;
});
