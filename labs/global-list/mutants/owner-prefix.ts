// MUTANT: one store list of "owner:item" entries filtered by startsWith(user): u1 also gets u11's items
import express from 'express';
import { defineVariant } from '../../../harness/contract.js';
import { itemOf, userOf } from '../auth.js';

export default defineVariant(({ store }) => {
  const app = express();
  app.use(express.json({ limit: '1kb' }));
  // One list, each entry tagged with its owner, so that an admin page can show everything in order.
  const LIST = 'items';
  const entry = (user: string, item: string): string => `${user}:${item}`;
  // MUTANT: the owner test forgets the separator: "u11:x".startsWith("u1") is true, so user u1 is
  // shown every item of u11 (and of u12, u100...). With users u1 to u8 only, nobody would notice.
  const itemsOf = (entries: string[], user: string): string[] =>
    entries.filter((e) => e.startsWith(user)).map((e) => e.slice(e.indexOf(':') + 1));

  app.post('/items', async (req, res) => {
    const user = userOf(req, res);
    const item = user && itemOf(req, res);
    if (!user || !item) return;
    await store.push(LIST, entry(user, item));
    res.status(201).json({ items: itemsOf(await store.range(LIST), user) });
  });

  app.get('/items', async (req, res) => {
    const user = userOf(req, res);
    if (!user) return;
    res.json({ items: itemsOf(await store.range(LIST), user) });
  });

  return app;
});
