// A chat room over Server-Sent Events: clients keep GET /events open, POST /messages sends a message
// to every open stream. Right with one process; with N workers each message reaches only the
// streams that happen to be held by the worker that took the post.
import express, { type Response } from 'express';
import { defineVariant } from '../../harness/contract.js';
import { messageOf, openStream, sendTo } from './stream.js';

// BUG: the open streams live in this process. A worker knows only the subscribers it holds itself;
// the others are connected to other workers, and no message posted here ever reaches them.
const streams = new Set<Response>();

export default defineVariant(() => {
  const app = express();
  app.use(express.json({ limit: '1kb' }));

  app.get('/events', (req, res) => openStream(req, res, streams));

  app.post('/messages', (req, res) => {
    const text = messageOf(req.body);
    // BUG: "everyone" is this worker's subscribers; the answer even says how few they are.
    sendTo(streams, text);
    res.status(201).json({ posted: text, reached: streams.size });
  });

  return app;
});
