// MUTANT: a shared "changed" flag in the store, cleared by the first worker that reloads: the others never see it
// The change is announced in the shared store, which is right; but as one flag that the first reader
// consumes. That worker reloads and clears it, and every other worker then finds no flag and keeps
// serving its old copy.
import { LRUCache } from 'lru-cache';
import { defineVariant } from '../../../harness/contract.js';
import { readProduct, type Product } from '../catalog-db.js';
import { shopApp } from '../shop.js';

const flagKey = (sku: string): string => `product-changed:${sku}`;

export default defineVariant(({ dataDir, store }) => {
  const cache = new LRUCache<string, Product>({ max: 500 });

  return shopApp(dataDir, {
    async read(sku) {
      // MUTANT: del() answers 1 to exactly one worker; the flag is gone for all the others.
      const changed = (await store.del(flagKey(sku))) === 1;
      const cached = changed ? undefined : cache.get(sku);
      if (cached) return cached;
      const product = await readProduct(dataDir, sku);
      if (product) cache.set(sku, product);
      return product;
    },
    async changed(sku) {
      cache.delete(sku);
      await store.set(flagKey(sku), '1');
    },
  });
});
