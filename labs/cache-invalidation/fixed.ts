// The same per-worker cache, each entry stamped with the product's version, a number kept in the
// shared store: a price change bumps it there, and every worker compares before serving its copy.
import { LRUCache } from 'lru-cache';
import { defineVariant } from '../../harness/contract.js';
import { readProduct, type Product } from './catalog-db.js';
import { shopApp } from './shop.js';

const versionKey = (sku: string): string => `product-version:${sku}`;

export default defineVariant(({ dataDir, store }) => {
  // Still one cache per worker: it saves the database query, and no longer decides what is current.
  const cache = new LRUCache<string, { version: number; product: Product }>({ max: 500 });

  return shopApp(dataDir, {
    async read(sku) {
      // FIX: ask the store every worker shares which version is current: one small read instead of the query.
      const version = Number((await store.get(versionKey(sku))) ?? 0);
      const cached = cache.get(sku);
      // FIX: a copy is served only while the version it was loaded at is still the current one.
      if (cached?.version === version) return cached.product;
      // Read after the version: the row is at least that new, since a writer bumps the version only
      // after its row is written. (Read first and stamped later, an old row could pass for a new one.)
      const product = await readProduct(dataDir, sku);
      if (product) cache.set(sku, { version, product });
      return product;
    },
    async changed(sku) {
      // FIX: the new row is in the database; bump the version before the PUT is answered, so that no
      // request that begins after this answer can pass the check with an older copy, on any worker.
      await store.incr(versionKey(sku));
    },
  });
});
