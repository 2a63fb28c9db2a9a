// MUTANT: subscribes to the store per stream, after the stream's headers went out: the client believes it is subscribed before it is
import express from 'express';
import { defineVariant } from '../../../harness/contract.js';
import { CHANNEL, messageOf, openStream } from '../stream.js';

export default defineVariant(({ store }) => {
  const app = express();
  app.use(express.json({ limit: '1kb' }));

  app.get('/events', async (req, res) => {
    openStream(req, res, new Set());
    // MUTANT: the headers (and ": subscribed") are already on their way; messages published before
    // this subscription is active never reach this stream.
    const unsubscribe = await store.subscribe(CHANNEL, (text) => res.write(`data: ${text}\n\n`));
    req.on('close', () => void unsubscribe());
  });

  app.post('/messages', async (req, res) => {
    const text = messageOf(req.body);
    await store.publish(CHANNEL, text);
    res.status(201).json({ posted: text });
  });

  return app;
});
