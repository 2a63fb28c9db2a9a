// A shop's price endpoint that reads the price list when the module is loaded.
import express from 'express';
import { defineVariant } from '../../harness/contract.js';
import { readPriceSync } from './price-file.js';

// BUG: this line runs once per worker process, when the module is first imported, and never again.
// Every later change to the file is invisible until the worker restarts.
const price = readPriceSync(process.env.DATA_DIR!);

export default defineVariant(() => {
  const app = express();

  app.get('/price', (_req, res) => {
    res.json(price);
  });

  return app;
});
