// The same endpoint reading the price list when a request needs it.
import express from 'express';
import { defineVariant } from '../../harness/contract.js';
import { readPrice } from './price-file.js';

export default defineVariant(({ dataDir }) => {
  const app = express();

  app.get('/price', async (_req, res) => {
    // FIX: read the data on every request, inside the handler; nothing is kept between requests.
    res.json(await readPrice(dataDir));
  });

  return app;
});
