// MUTANT: writes to this worker's streams and uses the store only when this worker holds no stream of its own
import express, { type Response } from 'express';
import { defineVariant } from '../../../harness/contract.js';
import { CHANNEL, messageOf, openStream, sendTo } from '../stream.js';

export default defineVariant(async ({ store }) => {
  const streams = new Set<Response>();
  await store.subscribe(CHANNEL, (text) => sendTo(streams, text));

  const app = express();
  app.use(express.json({ limit: '1kb' }));

  app.get('/events', (req, res) => openStream(req, res, streams));

  app.post('/messages', async (req, res) => {
    const text = messageOf(req.body);
    // MUTANT: "skip the store round trip when we can deliver ourselves": the subscribers on the other
    // workers hear only the posts of workers that had nobody to deliver to.
    if (streams.size > 0) sendTo(streams, text);
    else await store.publish(CHANNEL, text);
    res.status(201).json({ posted: text });
  });

  return app;
});
