// MUTANT: checks the version in the store at most every 500 ms per worker, to save the round trip
// The version check is right, but rationed: between two checks a worker trusts the version it read
// last, so for up to half a second after a change it serves its old copy as current.
import { LRUCache } from 'lru-cache';
import { defineVariant } from '../../../harness/contract.js';
import { readProduct, type Product } from '../catalog-db.js';
import { shopApp } from '../shop.js';

const CHECK_EVERY_MS = 500;
const versionKey = (sku: string): string => `product-version:${sku}`;

export default defineVariant(({ dataDir, store }) => {
  const cache = new LRUCache<string, { version: number; product: Product }>({ max: 500 });
  // MUTANT: the last version read, reused without asking the store until CHECK_EVERY_MS have passed.
  const known = new LRUCache<string, number>({ max: 500, ttl: CHECK_EVERY_MS });

  return shopApp(dataDir, {
    async read(sku) {
      let version = known.get(sku);
      if (version === undefined) {
        version = Number((await store.get(versionKey(sku))) ?? 0);
        known.set(sku, version);
      }
      const cached = cache.get(sku);
      if (cached?.version === version) return cached.product;
      const product = await readProduct(dataDir, sku);
      if (product) cache.set(sku, { version, product });
      return product;
    },
    async changed(sku) {
      known.delete(sku);
      await store.incr(versionKey(sku));
    },
  });
});
