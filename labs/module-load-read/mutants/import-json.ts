// MUTANT: imports the price file with import() inside the handler; the module cache keeps the first version
// Looks like a fresh read on every request, but an ES module (JSON included) is loaded once per
// URL and process: every later import() returns the copy loaded the first time.
import { pathToFileURL } from 'node:url';
import express from 'express';
import { defineVariant } from '../../../harness/contract.js';
import { priceFile, type Price } from '../price-file.js';

export default defineVariant(({ dataDir }) => {
  const app = express();
  const url = pathToFileURL(priceFile(dataDir)).href;

  app.get('/price', async (_req, res) => {
    // MUTANT: import() resolves from the module map after the first call; the file is not read again.
    const { default: price } = (await import(url, { with: { type: 'json' } })) as { default: Price };
    res.json(price);
  });

  return app;
});
