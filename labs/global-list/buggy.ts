// A to-do list app written and tested on a one-process dev server.
import express from 'express';
import { defineVariant } from '../../harness/contract.js';
import { itemOf, userOf } from './auth.js';

// BUG: one module-level list for everybody. Every user's items go into it, and every user is shown
// all of it; and each worker process has its own copy, so an item lives only where it was added.
const theList: string[] = [];

export default defineVariant(() => {
  const app = express();
  app.use(express.json({ limit: '1kb' }));

  app.post('/items', (req, res) => {
    const user = userOf(req, res);
    const item = user && itemOf(req, res);
    if (!item) return;
    theList.push(item);
    res.status(201).json({ items: theList });
  });

  app.get('/items', (req, res) => {
    if (!userOf(req, res)) return;
    res.json({ items: theList });
  });

  return app;
});
