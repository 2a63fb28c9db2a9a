// MUTANT: delivers locally and publishes, then drops a store message whose text this worker already delivered: a second "+1" never arrives
import express, { type Response } from 'express';
import { defineVariant } from '../../../harness/contract.js';
import { CHANNEL, messageOf, openStream, sendTo } from '../stream.js';

export default defineVariant(async ({ store }) => {
  const streams = new Set<Response>();
  const deliveredHere = new Set<string>();
  await store.subscribe(CHANNEL, (text) => {
    // MUTANT: meant to skip the echo of this worker's own post, but a text is not a message: the
    // same words posted again, on any worker, are taken for an echo and dropped.
    if (deliveredHere.has(text)) return;
    sendTo(streams, text);
  });

  const app = express();
  app.use(express.json({ limit: '1kb' }));

  app.get('/events', (req, res) => openStream(req, res, streams));

  app.post('/messages', async (req, res) => {
    const text = messageOf(req.body);
    deliveredHere.add(text);
    sendTo(streams, text);
    await store.publish(CHANNEL, text);
    res.status(201).json({ posted: text });
  });

  return app;
});
