// MUTANT: reloads the price when fs.watch reports a change to the file, which it does only for the first change
// The file is replaced by renaming a new one over it (as editors, config tools and price-file.ts do).
// fs.watch watches the inode behind the path: the old file's inode reports its replacement once,
// and then nothing: the second and every later change go unnoticed.
import { watch } from 'node:fs';
import express from 'express';
import { defineVariant } from '../../../harness/contract.js';
import { priceFile, readPrice, readPriceSync, type Price } from '../price-file.js';

export default defineVariant(({ dataDir }) => {
  const app = express();
  let price: Price = readPriceSync(dataDir);
  // MUTANT: bound to the file that exists now; once a rename replaces it, this watcher is deaf.
  watch(priceFile(dataDir), { persistent: false }, () => {
    readPrice(dataDir).then((p) => { price = p; }, () => { /* half-way through a change: keep the old one */ });
  });

  app.get('/price', (_req, res) => {
    res.json(price);
  });

  return app;
});
