// A per-worker LRU cache in front of the product database, emptied for a product when its price
// changes: right on one process, wrong as soon as a second worker has cached the same product.
import { LRUCache } from 'lru-cache';
import { defineVariant } from '../../harness/contract.js';
import { readProduct, type Product } from './catalog-db.js';
import { shopApp } from './shop.js';

export default defineVariant(({ dataDir }) => {
  // BUG: the cache lives in this worker's memory. Every worker builds its own, fills it from the
  // database on its own misses, and keeps each entry until it is evicted here.
  const cache = new LRUCache<string, Product>({ max: 500 });

  return shopApp(dataDir, {
    async read(sku) {
      const cached = cache.get(sku);
      if (cached) return cached;
      const product = await readProduct(dataDir, sku);
      if (product) cache.set(sku, product);
      return product;
    },
    changed(sku) {
      // BUG: evicts the copy of the worker that took the PUT; every other worker keeps the old price.
      cache.delete(sku);
    },
  });
});
