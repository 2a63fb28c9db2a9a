// MUTANT: answers from its cache at once and checks the version afterwards (stale-while-revalidate)
// Every request checks the shared version, so a worker's copy is never more than one request
// behind; but the first read on each worker after each change gets the old price: the answer goes
// out before the check that would have emptied the cache.
import { LRUCache } from 'lru-cache';
import { defineVariant } from '../../../harness/contract.js';
import { readProduct, type Product } from '../catalog-db.js';
import { shopApp } from '../shop.js';

const versionKey = (sku: string): string => `product-version:${sku}`;

export default defineVariant(({ dataDir, store }) => {
  const cache = new LRUCache<string, { version: number; product: Product }>({ max: 500 });
  const revalidate = async (sku: string, cached: { version: number }): Promise<void> => {
    const version = Number((await store.get(versionKey(sku))) ?? 0);
    if (version !== cached.version && cache.get(sku) === cached) cache.delete(sku);
  };

  return shopApp(dataDir, {
    async read(sku) {
      const cached = cache.get(sku);
      if (cached) {
        // MUTANT: the copy is returned before the version check below has had its answer.
        revalidate(sku, cached).catch(() => { /* checked again at the next request */ });
        return cached.product;
      }
      const version = Number((await store.get(versionKey(sku))) ?? 0);
      const product = await readProduct(dataDir, sku);
      if (product) cache.set(sku, { version, product });
      return product;
    },
    async changed(sku) {
      cache.delete(sku);
      await store.incr(versionKey(sku));
    },
  });
});
