// The shop's product API around a variant's cache: GET /products/:sku answers from the cache the
// variant keeps, PUT /products/:sku/price writes the new price to the database and then tells the
// cache. The variants differ only in the ProductCache they pass in (buggy.ts, fixed.ts, ...).
import express, { type Express } from 'express';
import { centsOf, isSku, readProduct, writeProduct, type Product } from './catalog-db.js';

export interface ProductCache {
  /** The product a GET answers with: from the cache, or from the database (then usually cached). */
  read(sku: string): Promise<Product | undefined>;
  /** The database has the new row (written before this is called); the PUT is answered once this resolves. */
  changed(sku: string, product: Product): Promise<void> | void;
}

export function shopApp(dataDir: string, cache: ProductCache): Express {
  const app = express();
  app.use(express.json({ limit: '1kb' }));

  app.get('/products/:sku', async (req, res) => {
    const product = isSku(req.params.sku) ? await cache.read(req.params.sku) : undefined;
    if (!product) {
      res.status(404).json({ error: `no product ${req.params.sku}` });
      return;
    }
    res.json(product);
  });

  app.put('/products/:sku/price', async (req, res) => {
    const cents = centsOf(req.body);
    if (cents === undefined) {
      res.status(400).json({ error: 'the body must be {"cents": a positive whole number}' });
      return;
    }
    // The row comes from the database, never from a cache: the write must not build on a stale copy.
    const current = isSku(req.params.sku) ? await readProduct(dataDir, req.params.sku) : undefined;
    if (!current) {
      res.status(404).json({ error: `no product ${req.params.sku}` });
      return;
    }
    const updated: Product = { ...current, cents };
    await writeProduct(dataDir, updated);
    await cache.changed(updated.sku, updated);
    res.json(updated);
  });

  return app;
}
