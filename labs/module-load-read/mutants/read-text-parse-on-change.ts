// CORRECT: reads the file on every request and only skips JSON.parse when the text is the same as last time
// The cache is keyed by the whole content it stands for: the text just read. A request can only get
// the price parsed from the bytes it read itself, after it began, so it is never older than the file.
import { readFile } from 'node:fs/promises';
import express from 'express';
import { defineVariant } from '../../../harness/contract.js';
import { priceFile, type Price } from '../price-file.js';

export default defineVariant(({ dataDir }) => {
  const app = express();
  let parsed: { text: string; price: Price } | undefined;

  app.get('/price', async (_req, res) => {
    const text = await readFile(priceFile(dataDir), 'utf8');
    if (parsed?.text !== text) parsed = { text, price: JSON.parse(text) as Price };
    res.json(parsed.price);
  });

  return app;
});
