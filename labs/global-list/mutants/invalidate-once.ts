// MUTANT: a per-worker cache with a "changed" flag in the store that the first worker to read clears for everyone
import express from 'express';
import { defineVariant } from '../../../harness/contract.js';
import { itemOf, userOf } from '../auth.js';

export default defineVariant(({ store }) => {
  const app = express();
  app.use(express.json({ limit: '1kb' }));
  const listOf = (user: string): string => `items:${user}`;
  const changedOf = (user: string): string => `changed:${user}`;
  const cache = new Map<string, string[]>();

  app.post('/items', async (req, res) => {
    const user = userOf(req, res);
    const item = user && itemOf(req, res);
    if (!user || !item) return;
    await store.push(listOf(user), item);
    await store.set(changedOf(user), '1'); // tell the workers their copy is out of date
    const list = await store.range(listOf(user));
    cache.set(user, list);
    res.status(201).json({ items: list });
  });

  app.get('/items', async (req, res) => {
    const user = userOf(req, res);
    if (!user) return;
    let list = cache.get(user);
    if (!list || (await store.get(changedOf(user))) === '1') {
      list = await store.range(listOf(user));
      cache.set(user, list);
      // MUTANT: one flag for all workers: the first worker that reloads clears it, and every other
      // worker keeps its old copy until the user changes the list again.
      await store.del(changedOf(user));
    }
    res.json({ items: list });
  });

  return app;
});
