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

/** The `data:` of each complete event in `buffer`, and what is left of it. */
export function parseEvents(buffer: string): { events: string[]; rest: string } {
  const events: string[] = [];
  let end: number;
  while ((end = buffer.indexOf('\n\n')) >= 0) {
    const data = buffer.slice(0, end).split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).replace(/^ /, ''));
    if (data.length > 0) events.push(data.join('\n')); // a block of comments only (`: ping`) is no event
    buffer = buffer.slice(end + 2);
  }
  return { events, rest: buffer };
}
