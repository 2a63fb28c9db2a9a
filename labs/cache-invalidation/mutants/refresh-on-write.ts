// MUTANT: refills the cache with the new row on update (lru-cache's fetch with forceRefresh), on this worker only
// Instead of deleting the entry, the PUT loads the new row into the cache at once, through
// lru-cache's own fetch(): no miss, no window where the row is absent. Tidy, and beside the point:
// the fresh copy lands in the cache of the worker that took the PUT, and nowhere else.
import { LRUCache } from 'lru-cache';
import { defineVariant } from '../../../harness/contract.js';
import { readProduct, type Product } from '../catalog-db.js';
import { shopApp } from '../shop.js';

export default defineVariant(({ dataDir }) => {
  const cache = new LRUCache<string, Product>({
    max: 500,
    // fetch() calls this on a miss, and concurrent fetches of one key share a single call.
    fetchMethod: (sku) => readProduct(dataDir, sku),
  });

  return shopApp(dataDir, {
    read: (sku) => cache.fetch(sku),
    async changed(sku) {
      // MUTANT: forceRefresh reloads this worker's entry; the other workers' caches never hear of it.
      await cache.fetch(sku, { forceRefresh: true });
    },
  });
});
