// The same app with each user's list kept per user, outside the worker processes.
import express from 'express';
import { defineVariant } from '../../harness/contract.js';
import { itemOf, userOf } from './auth.js';

export default defineVariant(({ store }) => {
  const app = express();
  app.use(express.json({ limit: '1kb' }));
  // FIX: one list per user (the key names the user), in the shared store that every worker reaches.
  const listOf = (user: string): string => `items:${user}`;

  app.post('/items', async (req, res) => {
    const user = userOf(req, res);
    const item = user && itemOf(req, res);
    if (!user || !item) return;
    // FIX: an atomic append in the store, not a push onto this worker's memory.
    await store.push(listOf(user), item);
    res.status(201).json({ items: await store.range(listOf(user)) });
  });

  app.get('/items', async (req, res) => {
    const user = userOf(req, res);
    if (!user) return;
    res.json({ items: await store.range(listOf(user)) });
  });

  return app;
});
