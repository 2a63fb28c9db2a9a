// The chat room with every message published through the shared store: each worker subscribes to
// the channel once and writes what the store delivers to the streams it holds.
import express, { type Response } from 'express';
import { defineVariant } from '../../harness/contract.js';
import { CHANNEL, messageOf, openStream, sendTo } from './stream.js';

export default defineVariant(async ({ store }) => {
  const streams = new Set<Response>();
  // FIX: one subscription per worker, active before the app is handed over to listen: no client can
  // hold a stream on this worker while the worker is still deaf to the channel.
  await store.subscribe(CHANNEL, (text) => sendTo(streams, text));

  const app = express();
  app.use(express.json({ limit: '1kb' }));

  app.get('/events', (req, res) => openStream(req, res, streams));

  app.post('/messages', async (req, res) => {
    const text = messageOf(req.body);
    // FIX: publish to every worker's subscribers (this worker's too, through its own subscription);
    // answer once the store has taken the message.
    await store.publish(CHANNEL, text);
    res.status(201).json({ posted: text });
  });

  return app;
});
