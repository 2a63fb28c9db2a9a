// MUTANT: one list per user, but in a Map in module memory: the leak is fixed, the workers are forgotten
import express from 'express';
import { defineVariant } from '../../../harness/contract.js';
import { itemOf, userOf } from '../auth.js';

// MUTANT: per-user, so users no longer see each other's items (right on the dev server); but still
// process memory, so each worker has its own Map and an item lives only on the worker that added it.
const listsByUser = new Map<string, string[]>();

export default defineVariant(() => {
  const app = express();
  app.use(express.json({ limit: '1kb' }));
  const listOf = (user: string): string[] => {
    let list = listsByUser.get(user);
    if (!list) listsByUser.set(user, (list = []));
    return list;
  };

  app.post('/items', (req, res) => {
    const user = userOf(req, res);
    const item = user && itemOf(req, res);
    if (!user || !item) return;
    listOf(user).push(item);
    res.status(201).json({ items: listOf(user) });
  });

  app.get('/items', (req, res) => {
    const user = userOf(req, res);
    if (!user) return;
    res.json({ items: listOf(user) });
  });

  return app;
});
