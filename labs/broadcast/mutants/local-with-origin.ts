// CORRECT: writes to this worker's streams at once, publishes with the worker's id, and skips only its own echo
import express, { type Response } from 'express';
import { defineVariant } from '../../../harness/contract.js';
import { CHANNEL, messageOf, openStream, sendTo } from '../stream.js';

export default defineVariant(async ({ store, workerId }) => {
  const streams = new Set<Response>();
  await store.subscribe(CHANNEL, (message) => {
    const { from, text } = JSON.parse(message) as { from: string; text: string };
    if (from !== workerId) sendTo(streams, text); // this worker's own posts went out already
  });

  const app = express();
  app.use(express.json({ limit: '1kb' }));

  app.get('/events', (req, res) => openStream(req, res, streams));

  app.post('/messages', async (req, res) => {
    const text = messageOf(req.body);
    sendTo(streams, text);
    await store.publish(CHANNEL, JSON.stringify({ from: workerId, text }));
    res.status(201).json({ posted: text });
  });

  return app;
});
