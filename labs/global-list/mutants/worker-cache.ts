// MUTANT: keeps a per-worker cache of each user's list, filled on its first read and never refreshed
import express from 'express';
import { defineVariant } from '../../../harness/contract.js';
import { itemOf, userOf } from '../auth.js';

export default defineVariant(({ store }) => {
  const app = express();
  app.use(express.json({ limit: '1kb' }));
  const listOf = (user: string): string => `items:${user}`;
  // MUTANT: "don't hit the store on every read": each worker keeps the lists it has read. Its own adds
  // go into its cache too, so a user on one keep-alive connection sees nothing wrong; items added on
  // other workers after the first read never show up here.
  const cache = new Map<string, string[]>();
  const cached = async (user: string): Promise<string[]> => {
    let list = cache.get(user);
    if (!list) {
      list = await store.range(listOf(user));
      cache.set(user, list);
    }
    return list;
  };

  app.post('/items', async (req, res) => {
    const user = userOf(req, res);
    const item = user && itemOf(req, res);
    if (!user || !item) return;
    await store.push(listOf(user), item);
    const list = await cached(user);
    if (!list.includes(item)) list.push(item); // MUTANT: only this worker's adds update its copy
    res.status(201).json({ items: list });
  });

  app.get('/items', async (req, res) => {
    const user = userOf(req, res);
    if (!user) return;
    res.json({ items: await cached(user) });
  });

  return app;
});
