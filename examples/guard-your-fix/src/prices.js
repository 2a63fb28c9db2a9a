// The price service as it is today. Every read asks the database: nothing about a price is kept in
// this module, because in production several worker processes each load their own copy of it.
// `db` is anything with Redis's get and set (an ioredis client in production, the lab's shared store
// in lab/).
import express from 'express';

export const DEFAULT_CENTS = 300;

export function pricesApp({ db }) {
  const app = express();
  app.use(express.json({ limit: '1kb' }));

  app.get('/price/:sku', async (req, res) => {
    const stored = await db.get(`price:${req.params.sku}`);
    res.json({ sku: req.params.sku, cents: stored === null ? DEFAULT_CENTS : Number(stored) });
  });

  app.put('/price/:sku', async (req, res) => {
    const cents = req.body?.cents;
    if (!Number.isInteger(cents) || cents < 0) return res.status(400).json({ error: 'cents must be a whole number >= 0' });
    await db.set(`price:${req.params.sku}`, String(cents));
    res.json({ sku: req.params.sku, cents });
  });

  return app;
}
