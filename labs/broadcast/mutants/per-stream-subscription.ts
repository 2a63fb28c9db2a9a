// CORRECT: subscribes to the store per stream, and sends the headers only once that subscription is active; unsubscribes when the client leaves
import express from 'express';
import { defineVariant } from '../../../harness/contract.js';
import { CHANNEL, messageOf, openStream } from '../stream.js';

export default defineVariant(({ store }) => {
  const app = express();
  app.use(express.json({ limit: '1kb' }));

  app.get('/events', async (req, res) => {
    // Subscribed first: when the client sees the headers, every later publish reaches this stream.
    const unsubscribe = await store.subscribe(CHANNEL, (text) => res.write(`data: ${text}\n\n`));
    req.on('close', () => void unsubscribe());
    openStream(req, res, new Set());
  });

  app.post('/messages', async (req, res) => {
    const text = messageOf(req.body);
    await store.publish(CHANNEL, text);
    res.status(201).json({ posted: text });
  });

  return app;
});
