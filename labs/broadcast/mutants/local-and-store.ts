// MUTANT: writes each post to this worker's streams at once and publishes it through the store too: the streams here get it twice
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
    // MUTANT: "deliver locally right away, the store is for the other workers" — but this worker's
    // own subscription delivers the published copy here as well.
    sendTo(streams, text);
    await store.publish(CHANNEL, text);
    res.status(201).json({ posted: text });
  });

  return app;
});
