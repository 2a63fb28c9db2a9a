// src/prices.js as it was before the fix, kept as the lab's buggy variant: it must keep failing,
// which proves that the scenario still catches the bug.
import express from 'express';
import { defineVariant } from 'worker-state-lab';

const DEFAULT_CENTS = 300;
// BUG: a module-level Map is one cache per worker process. A price change updates the Map of the
// worker that served it; every other worker goes on answering the price it cached before.
const cache = new Map();

function pricesApp({ db }) {
  const app = express();
  app.use(express.json({ limit: '1kb' }));

  app.get('/price/:sku', async (req, res) => {
    if (!cache.has(req.params.sku)) {
      const stored = await db.get(`price:${req.params.sku}`);
      cache.set(req.params.sku, stored === null ? DEFAULT_CENTS : Number(stored));
    }
    res.json({ sku: req.params.sku, cents: cache.get(req.params.sku) });
  });

  app.put('/price/:sku', async (req, res) => {
    const cents = req.body?.cents;
    if (!Number.isInteger(cents) || cents < 0) return res.status(400).json({ error: 'cents must be a whole number >= 0' });
    await db.set(`price:${req.params.sku}`, String(cents));
    cache.set(req.params.sku, cents);
    res.json({ sku: req.params.sku, cents });
  });

  return app;
}

export default defineVariant(({ store }) => pricesApp({ db: store }));
