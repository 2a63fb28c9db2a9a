// CORRECT: a per-worker cache that fetches only the items appended since (range from the cached length) on every request
import express from 'express';
import { defineVariant } from '../../../harness/contract.js';
import { itemOf, userOf } from '../auth.js';

export default defineVariant(({ store }) => {
  const app = express();
  app.use(express.json({ limit: '1kb' }));
  const listOf = (user: string): string => `items:${user}`;
  // A user's list is only ever appended to, so the first n items this worker has seen are still the
  // first n items in the store: asking the store for the rest on every request is a full, fresh read.
  const known = new Map<string, string[]>();
  const current = async (user: string): Promise<string[]> => {
    const head = known.get(user) ?? [];
    const list = [...head, ...(await store.range(listOf(user), head.length))];
    // Concurrent requests may have stored a longer list meanwhile: keep the longest (append-only).
    if ((known.get(user)?.length ?? 0) < list.length) known.set(user, list);
    return list;
  };

  app.post('/items', async (req, res) => {
    const user = userOf(req, res);
    const item = user && itemOf(req, res);
    if (!user || !item) return;
    await store.push(listOf(user), item);
    res.status(201).json({ items: await current(user) });
  });

  app.get('/items', async (req, res) => {
    const user = userOf(req, res);
    if (!user) return;
    res.json({ items: await current(user) });
  });

  return app;
});
