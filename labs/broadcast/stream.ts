// What every variant of this lab shares and what is not the lesson: a Server-Sent Events stream
// (plain Express, no package), sending one message to a set of open streams, and reading a post.
import type { Request, Response } from 'express';

/** The store channel the fixed variant publishes on. */
export const CHANNEL = 'chat';

/** Turns this response into an event stream and keeps it in `streams` until the client goes away. */
export function openStream(req: Request, res: Response, streams: Set<Response>): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  res.write(': subscribed\n\n'); // a comment, not an event: it sends the headers now, so the client knows it is subscribed
  streams.add(res);
  req.on('close', () => streams.delete(res));
}

/** One event per message, to every stream in the set. */
export function sendTo(streams: Iterable<Response>, text: string): void {
  for (const res of streams) res.write(`data: ${text}\n\n`);
}

/** The text of a post: 1 to 200 characters on one line (an event's `data:` line), else 400. */
export function messageOf(body: unknown): string {
  const text = (body as { text?: unknown } | undefined)?.text;
  if (typeof text !== 'string' || text.length === 0 || text.length > 200 || /[\r\n]/.test(text)) {
    throw Object.assign(new Error('send {"text": "..."}: 1 to 200 characters on one line'), { status: 400 });
  }
  return text;
}
