// What a subscriber of the `subscribe` step records, and how a Server-Sent Events stream is read:
// pure, shared by the step (subscribers.ts) and the broadcast checker.

/** What a subscriber op records in `seen`: when its stream was open (ms of the run) and what arrived, in order. */
export interface SubscriberSeen {
  opened: number;
  messages: string[];
  /** When the stream ended on its own (the worker died or left), before the drain; absent when the harness closed it. */
  ended?: number;
}
export const isSubscriberSeen = (seen: unknown): seen is SubscriberSeen =>
  typeof seen === 'object' && seen !== null && typeof (seen as SubscriberSeen).opened === 'number' && Array.isArray((seen as SubscriberSeen).messages);

/**
 * The `data:` of each complete event in `raw`, and what is left of it (to be prefixed to the next
 * chunk). Line ends may be \r\n, \r or \n: a trailing \r is held back in `rest`, since the \n that
 * would make it one \r\n may open the next chunk.
 */
export function parseEvents(raw: string): { events: string[]; rest: string } {
  const held = raw.endsWith('\r') ? '\r' : '';
  let buffer = raw.slice(0, raw.length - held.length).replace(/\r\n?/g, '\n');
  const events: string[] = [];
  let end: number;
  while ((end = buffer.indexOf('\n\n')) >= 0) {
    const data = buffer.slice(0, end).split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).replace(/^ /, ''));
    if (data.length > 0) events.push(data.join('\n')); // a block of comments only (`: ping`) is no event
    buffer = buffer.slice(end + 2);
  }
  return { events, rest: buffer + held };
}
