// MUTANT: moves the list into the shared store but keeps one list for all users
import express from 'express';
import { defineVariant } from '../../../harness/contract.js';
import { itemOf, userOf } from '../auth.js';

export default defineVariant(({ store }) => {
  const app = express();
  app.use(express.json({ limit: '1kb' }));
  // MUTANT: fixes the half of the bug that shows under several workers (nothing is lost any more) and
  // keeps the half that shows under one: every user's items go into the same key, and everyone reads all.
  const LIST = 'items';

  app.post('/items', async (req, res) => {
    const user = userOf(req, res);
    const item = user && itemOf(req, res);
    if (!user || !item) return;
    await store.push(LIST, item);
    res.status(201).json({ items: await store.range(LIST) });
  });

  app.get('/items', async (req, res) => {
    if (!userOf(req, res)) return;
    res.json({ items: await store.range(LIST) });
  });

  return app;
});
