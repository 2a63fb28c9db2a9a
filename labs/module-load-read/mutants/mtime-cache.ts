// MUTANT: re-reads the price only when the file's modification time changed, which a change need not do
// A cheap stat() instead of a read on every request. But a modification time is a poor version
// number: tools that copy timestamps (rsync -t, tar, cp -p) and writes within one tick of a coarse
// clock leave it as it was, and this cache then keeps the old price for good.
import { stat } from 'node:fs/promises';
import express from 'express';
import { defineVariant } from '../../../harness/contract.js';
import { priceFile, readPrice, type Price } from '../price-file.js';

export default defineVariant(({ dataDir }) => {
  const app = express();
  let cached: { price: Price; mtimeMs: number } | undefined;

  app.get('/price', async (_req, res) => {
    const { mtimeMs } = await stat(priceFile(dataDir));
    // MUTANT: "same modification time" is taken to mean "same content".
    if (!cached || cached.mtimeMs !== mtimeMs) cached = { price: await readPrice(dataDir), mtimeMs };
    res.json(cached.price);
  });

  return app;
});
