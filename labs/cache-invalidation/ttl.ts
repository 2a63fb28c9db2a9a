// The tempting half-fix: the same per-worker cache, with every entry expiring after TTL_MS. The other
// workers still serve the old price, but only until their entry expires: stale on purpose, bounded.
import { LRUCache } from 'lru-cache';
import { defineVariant } from '../../harness/contract.js';
import { readProduct, type Product } from './catalog-db.js';
import { shopApp } from './shop.js';

/** How old a served price may be on a worker that did not take the change. */
export const TTL_MS = 250;

export default defineVariant(({ dataDir }) => {
  // BUG: (on purpose) for up to TTL_MS after a change, every other worker still serves its copy.
  const cache = new LRUCache<string, Product>({ max: 500, ttl: TTL_MS });

  return shopApp(dataDir, {
    async read(sku) {
      const cached = cache.get(sku);
      if (cached) return cached;
      const product = await readProduct(dataDir, sku);
      if (product) cache.set(sku, product);
      return product;
    },
    changed(sku) {
      cache.delete(sku);
    },
  });
});
