// MUTANT: does not await the push: answers 201 while the item may not be in the store yet
import express from 'express';
import { defineVariant } from '../../../harness/contract.js';
import { itemOf, userOf } from '../auth.js';

export default defineVariant(({ store }) => {
  const app = express();
  app.use(express.json({ limit: '1kb' }));
  const listOf = (user: string): string => `items:${user}`;

  app.post('/items', async (req, res) => {
    const user = userOf(req, res);
    const item = user && itemOf(req, res);
    if (!user || !item) return;
    // MUTANT: the push is sent but not awaited ("the list read below will see it anyway"). Against a
    // fast store that applies operations in order, it does; a slow or reordering store applies the
    // read first, and a read that starts after the 201 can miss the item.
    void store.push(listOf(user), item);
    res.status(201).json({ items: await store.range(listOf(user)) });
  });

  app.get('/items', async (req, res) => {
    const user = userOf(req, res);
    if (!user) return;
    res.json({ items: await store.range(listOf(user)) });
  });

  return app;
});
