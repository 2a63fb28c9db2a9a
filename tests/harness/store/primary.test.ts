import type { Worker } from 'node:cluster';
import { describe, expect, it } from 'vitest';
import { answerStoreRequest, MemoryStore, PrimaryStoreClient, type Channel } from '../../../harness/store/primary.js';
import { invalidCall } from '../../../harness/store/types.js';

// MemoryStore's operations are tested with Redis's, in one table (store/redis.test.ts).

describe('invalidCall', () => {
  it.each([
    ['nope', ['k'], 'unknown store operation "nope"'],
    [undefined, [], 'unknown store operation undefined'],
    ['__proto__', [], 'unknown store operation "__proto__"'],
    ['get', 'k', 'get takes 1 arguments'],
    ['get', [''], 'get: argument 1 must be key'],
    ['set', ['k', 5], 'set: argument 2 must be string'],
    ['incr', ['k', 1.5], 'incr: argument 2 must be int (optional)'],
    ['push', ['k', 'v', 'extra'], 'push takes 2 arguments'],
    ['incrMany', [{}], 'incrMany: argument 1 must be deltas'],
    ['getMany', [[]], 'getMany: argument 1 must be keys'],
    ['getMany', [['a', '']], 'getMany: argument 1 must be keys'],
    ['getMany', ['a'], 'getMany: argument 1 must be keys'],
    ['incrMany', [{ a: 'x' }], 'incrMany: argument 1 must be deltas'],
  ])('%s %j → %s', (op, args, message) => {
    expect(invalidCall(op, args)).toBe(message);
  });

  it('accepts well-formed calls', () => {
    expect(invalidCall('incr', ['k'])).toBeNull();
    expect(invalidCall('range', ['k', null, -1])).toBeNull();
  });
});

describe('answerStoreRequest (the primary side of the IPC store)', () => {
  const fakeWorker = () => {
    const sent: unknown[] = [];
    return { sent, worker: { isConnected: () => true, send: (m: unknown) => { sent.push(m); return true; } } as unknown as Worker };
  };
  const settle = () => new Promise((r) => setImmediate(r));

  it('ignores messages that are not store requests', () => {
    const { worker, sent } = fakeWorker();
    expect(answerStoreRequest(new MemoryStore(), worker, { hello: 1 })).toBe(false);
    expect(answerStoreRequest(new MemoryStore(), worker, null)).toBe(false);
    expect(sent).toEqual([]);
  });

  it('answers malformed and failing requests with an error, and keeps serving', async () => {
    const store = new MemoryStore();
    const { worker, sent } = fakeWorker();
    answerStoreRequest(store, worker, { wsl: 'store', id: 1, op: 'explode', args: [] });
    answerStoreRequest(store, worker, { wsl: 'store', id: 'x', op: 'get', args: ['k'] });
    answerStoreRequest(store, worker, { wsl: 'store', id: 2, op: 'set', args: ['k', 'v'] });
    answerStoreRequest(store, worker, { wsl: 'store', id: 3, op: 'incr', args: ['k'] });
    answerStoreRequest(store, worker, { wsl: 'store', id: 4, op: 'incr', args: ['n', null] });
    await settle();
    expect(sent).toEqual([
      { wsl: 'store:reply', id: 1, ok: false, error: 'unknown store operation "explode"' },
      { wsl: 'store:reply', id: -1, ok: false, error: 'a store request needs an integer id' },
      { wsl: 'store:reply', id: 2, ok: true, value: undefined },
      { wsl: 'store:reply', id: 3, ok: false, error: 'key k does not hold an integer' },
      { wsl: 'store:reply', id: 4, ok: true, value: 1 },
    ]);
  });
});

describe('PrimaryStoreClient (the worker side of the IPC store)', () => {
  /** A channel to a primary that answers with `answer` (or never, for a wedged one). */
  const channelTo = (answer?: (request: { id: number; op: string; args: unknown[] }) => unknown): Channel & { sent: unknown[] } => {
    let listener: (m: unknown) => void = () => {};
    const sent: unknown[] = [];
    return {
      sent,
      send: (m) => {
        sent.push(m);
        const request = m as { id: number; op: string; args: unknown[] };
        if (answer) setImmediate(() => listener({ wsl: 'store:reply', id: request.id, ok: true, value: answer(request) }));
      },
      onMessage: (l) => { listener = l; },
    };
  };

  it('sends each operation with its own id and hands each answer to its caller', async () => {
    const channel = channelTo((r) => `${r.op}:${JSON.stringify(r.args)}`);
    const client = new PrimaryStoreClient(channel, 1000);
    expect(await Promise.all([client.get('a'), client.getMany(['a', 'b'])])).toEqual(['get:["a"]', 'getMany:[["a","b"]]']);
    expect(channel.sent).toEqual([{ wsl: 'store', id: 1, op: 'get', args: ['a'] }, { wsl: 'store', id: 2, op: 'getMany', args: [['a', 'b']] }]);
  });

  it('fails a call that a wedged primary never answers, within its timeout, instead of hanging the request', async () => {
    const client = new PrimaryStoreClient(channelTo(), 150);
    const started = Date.now();
    await expect(client.incr('n')).rejects.toThrow('store: no answer from the primary within 0.15 s (incr)');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('MemoryStore expiry, on a clock of its own', () => {
  it('keeps a key until its time to live has passed (past the deadline, as Redis), to the millisecond, also among thousands of expired leases', async () => {
    let now = 1_000;
    const store = new MemoryStore(() => now);
    expect(await store.setIfAbsent('lease', 'w1', 100)).toBe(true);
    now += 99;
    expect(await store.setIfAbsent('lease', 'w2', 100)).toBe(false);
    expect(await store.get('lease')).toBe('w1');
    now += 1;
    // At the deadline itself the key is still there, as in Redis (db.c keyIsExpired: expired when now > when).
    expect(await store.get('lease')).toBe('w1');
    now += 1;
    expect(await store.get('lease')).toBeNull();
    expect(await store.setIfAbsent('lease', 'w2', 100)).toBe(true);
    // expire() moves the deadline; set() clears it.
    expect(await store.expire('lease', 500)).toBe(true);
    now += 400;
    expect(await store.get('lease')).toBe('w2');
    await store.set('lease', 'kept');
    now += 10_000;
    expect(await store.get('lease')).toBe('kept');
    // 2,000 leases, one per tick, never read again: all of them expired, the store still answers for the live ones.
    for (let tick = 0; tick < 2_000; tick++) {
      expect(await store.setIfAbsent(`digest:${tick}`, 'w', 50)).toBe(true);
      now += 10;
    }
    expect(await store.getMany(['digest:0', 'digest:1996', 'digest:1999'])).toEqual([null, 'w', 'w']);
  });
});
