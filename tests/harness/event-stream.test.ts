// Reading a Server-Sent Events stream chunk by chunk, as the `subscribe` step does: `rest` is prefixed
// to the next chunk, wherever the network happened to cut it.
import { describe, expect, it } from 'vitest';
import { parseEvents } from '../../harness/event-stream.js';

/** Feeds `chunks` one by one, as subscribers.ts does, and returns every event read. */
function readChunks(chunks: string[]): { events: string[]; rest: string } {
  const events: string[] = [];
  let rest = '';
  for (const chunk of chunks) {
    const parsed = parseEvents(rest + chunk);
    events.push(...parsed.events);
    rest = parsed.rest;
  }
  return { events, rest };
}

describe('parseEvents', () => {
  it('reads the data of complete events, skips comment-only blocks, and keeps an unfinished event', () => {
    expect(parseEvents(': hello\n\ndata: a\n\ndata: two\ndata: lines\n\ndata: b')).toEqual({ events: ['a', 'two\nlines'], rest: 'data: b' });
  });

  it('accepts \\r\\n and \\r line ends', () => {
    expect(parseEvents('data: a\r\n\r\ndata: b\r\rdata: c\n\n').events).toEqual(['a', 'b', 'c']);
  });

  it('reads a \\r\\n cut between two chunks as one line end, not two (which would end an event early)', () => {
    // Split as "data: a\r" + "\ndata: b\r\n\r\n": one event with two data lines.
    expect(readChunks(['data: a\r', '\ndata: b\r\n\r\n'])).toEqual({ events: ['a\nb'], rest: '' });
    // Cut inside the blank line that ends the event: still one event, ended once.
    expect(readChunks(['data: a\r\n\r', '\ndata: b\r\n\r\n'])).toEqual({ events: ['a', 'b'], rest: '' });
    // A \r at the end of a chunk followed by anything else is a line end of its own (known only once more arrives).
    expect(readChunks(['data: a\r', '\rdata: b\r\r'])).toEqual({ events: ['a'], rest: 'data: b\n\r' });
    expect(readChunks(['data: a\r', '\rdata: b\r\r', 'data: c\n\n'])).toEqual({ events: ['a', 'b', 'c'], rest: '' });
  });
});
