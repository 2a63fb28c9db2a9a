// MUTANT: stamps each entry with a version number, but keeps the version counter in the worker's memory
// The shape of the right fix (a version per product, bumped on write, compared on read) with the
// counter in a Map of the worker: a PUT bumps the version of the worker that took it, and the other
// workers compare their copies with their own, unchanged, counters.
import { LRUCache } from 'lru-cache';
import { defineVariant } from '../../../harness/contract.js';
import { readProduct, type Product } from '../catalog-db.js';
import { shopApp } from '../shop.js';

export default defineVariant(({ dataDir }) => {
  const cache = new LRUCache<string, { version: number; product: Product }>({ max: 500 });
  // MUTANT: one counter per worker process, where every worker needs to see the same number.
  const versions = new Map<string, number>();

  return shopApp(dataDir, {
    async read(sku) {
      const version = versions.get(sku) ?? 0;
      const cached = cache.get(sku);
      if (cached?.version === version) return cached.product;
      const product = await readProduct(dataDir, sku);
      if (product) cache.set(sku, { version, product });
      return product;
    },
    changed(sku) {
      versions.set(sku, (versions.get(sku) ?? 0) + 1);
    },
  });
});
