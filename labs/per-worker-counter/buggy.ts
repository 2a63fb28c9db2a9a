// A page-view counter kept in a module-level variable: right on the one-process dev server,
// wrong as soon as a second worker process serves the same app.
import express from 'express';
import { defineVariant } from '../../harness/contract.js';

// BUG: module scope is process memory. Every worker process loads this module for itself and gets
// its own `count`, so with N workers there are N counters and each sees only what it served.
let count = 0;

export default defineVariant(() => {
  const app = express();
  app.use(express.json({ limit: '1kb' })); // no body is needed, but a malformed one is refused (400)

  app.post('/incr', (_req, res) => {
    count += 1;
    res.json({ count });
  });

  app.get('/count', (_req, res) => {
    res.json({ count });
  });

  return app;
});
