import { randomUUID } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HarnessError } from '../../../harness/errors.js';
import { startRedisServer, type RedisServer } from '../../../harness/redis-server.js';
import { MemoryStore } from '../../../harness/store/memory.js';
import { connectRedisStore, deleteKeys, probeRedis, type RedisStore } from '../../../harness/store/redis.js';
import type { SharedStore } from '../../../harness/store/types.js';
import { nextLine, redisChild, skipWithoutRedis, withRedis } from '../../helpers/redis.js';

// One table for both backends: a script of calls on a fresh store, and what each call must give
// (its value, or its error as "Name: message"). Both backends must give exactly the same.
type Call = (s: SharedStore) => Promise<unknown>;
const fails = (message: string) => ({ error: `StoreError: ${message}` });
/** A call that waits (for a time to live to pass) and gives undefined. */
const wait = (ms: number): Call => () => new Promise((r) => setTimeout(r, ms));
// Times to live: LIVE is never reached within a case, SHORT always is after wait(PAST).
const [SHORT, PAST, LIVE] = [100, 250, 60_000];
const CASES: Record<string, [Call, unknown][]> = {
  'get and set': [[(s) => s.get('k'), null], [(s) => s.set('k', 'v'), undefined], [(s) => s.get('k'), 'v'],
    [(s) => s.set('k', ''), undefined], [(s) => s.get('k'), '']],
  'incr counts from 0, by 1 or by any integer': [[(s) => s.incr('n'), 1], [(s) => s.incr('n', 41), 42],
    [(s) => s.incr('n', -50), -8], [(s) => s.get('n'), '-8'], [(s) => s.set('m', '10'), undefined], [(s) => s.incr('m', 0), 10]],
  'push and range (inclusive, negative from the end)': [[(s) => s.push('l', 'a'), 1], [(s) => s.push('l', 'b'), 2],
    [(s) => s.push('l', 'c'), 3], [(s) => s.range('l'), ['a', 'b', 'c']], [(s) => s.range('l', 1, 1), ['b']],
    [(s) => s.range('l', -2), ['b', 'c']], [(s) => s.range('l', 0, -2), ['a', 'b']], [(s) => s.range('l', -99, 99), ['a', 'b', 'c']],
    [(s) => s.range('l', 2, 1), []], [(s) => s.range('l', 5), []], [(s) => s.range('none'), []]],
  'del either kind': [[(s) => s.set('k', 'v'), undefined], [(s) => s.del('k'), 1], [(s) => s.del('k'), 0],
    [(s) => s.push('l', 'x'), 1], [(s) => s.del('l'), 1], [(s) => s.range('l'), []], [(s) => s.get('k'), null]],
  'getMany reads several keys at once; missing keys and lists read as null': [[(s) => s.set('a', '1'), undefined],
    [(s) => s.incr('b', 2), 2], [(s) => s.push('l', 'x'), 1], [(s) => s.getMany(['a', 'none', 'b', 'l']), ['1', null, '2', null]],
    [(s) => s.getMany(['b']), ['2']]],
  'set replaces a list': [[(s) => s.push('k', 'x'), 1], [(s) => s.set('k', 'v'), undefined], [(s) => s.get('k'), 'v']],
  'incrMany is a transfer': [[(s) => s.incr('a', 100), 100], [(s) => s.incrMany({ a: -30, b: 30 }), { a: 70, b: 30 }],
    [(s) => s.get('a'), '70'], [(s) => s.get('b'), '30']],
  'incrMany changes nothing when one key holds text': [[(s) => s.incr('a', 100), 100], [(s) => s.set('bad', 'text'), undefined],
    [(s) => s.incrMany({ a: -10, fresh: 5, bad: 10 }), fails('key bad does not hold an integer')],
    [(s) => s.get('a'), '100'], [(s) => s.get('fresh'), null], [(s) => s.get('bad'), 'text']],
  'incrMany changes nothing when one key holds a list': [[(s) => s.incr('a', 1), 1], [(s) => s.push('l', 'x'), 1],
    [(s) => s.incrMany({ fresh: 1, a: 1, l: 1, later: 1 }), fails('key l holds a list')],
    [(s) => s.get('a'), '1'], [(s) => s.get('fresh'), null], [(s) => s.get('later'), null], [(s) => s.range('l'), ['x']]],
  'setMany sets every key at once, replacing lists': [[(s) => s.push('l', 'x'), 1], [(s) => s.setMany({ a: '1', l: 'two' }), undefined],
    [(s) => s.get('a'), '1'], [(s) => s.get('l'), 'two']],
  'integers as Redis reads them: no leading zeros, no minus zero': [[(s) => s.set('z', '007'), undefined], [(s) => s.incr('z'), fails('key z does not hold an integer')],
    [(s) => s.set('m', '-0'), undefined], [(s) => s.incr('m'), fails('key m does not hold an integer')], [(s) => s.set('o', '0'), undefined], [(s) => s.incr('o', -1), -1]],
  'wrong types are refused, not corrupted': [[(s) => s.set('s', 'text'), undefined], [(s) => s.incr('s'), fails('key s does not hold an integer')],
    [(s) => s.push('s', 'x'), fails('key s holds a string')], [(s) => s.range('s'), fails('key s holds a string')],
    [(s) => s.push('l', 'x'), 1], [(s) => s.get('l'), fails('key l holds a list')], [(s) => s.incr('l'), fails('key l holds a list')],
    [(s) => s.get('s'), 'text'], [(s) => s.range('l'), ['x']]],
  'setIfAbsent sets only an absent key (of either kind), and says whether it did': [[(s) => s.setIfAbsent('k', 'a', LIVE), true],
    [(s) => s.setIfAbsent('k', 'b', LIVE), false], [(s) => s.get('k'), 'a'], [(s) => s.push('l', 'x'), 1],
    [(s) => s.setIfAbsent('l', 'v', LIVE), false], [(s) => s.range('l'), ['x']], [(s) => s.del('k'), 1], [(s) => s.setIfAbsent('k', 'c', LIVE), true],
    [(s) => s.get('k'), 'c']],
  'expire works on an existing key of either kind, and only on one': [[(s) => s.expire('none', LIVE), false],
    [(s) => s.set('k', 'v'), undefined], [(s) => s.expire('k', LIVE), true], [(s) => s.push('l', 'x'), 1], [(s) => s.expire('l', LIVE), true],
    [(s) => s.get('k'), 'v'], [(s) => s.range('l'), ['x']]],
  'an expired key reads as absent to every operation': [[(s) => s.setIfAbsent('a', '5', SHORT), true], [(s) => s.setIfAbsent('b', '5', SHORT), true],
    [(s) => s.setIfAbsent('c', 'x', SHORT), true], [(s) => s.setIfAbsent('d', 'x', SHORT), true], [(s) => s.setIfAbsent('e', 'x', SHORT), true],
    [(s) => s.push('l', 'x'), 1], [(s) => s.expire('l', SHORT), true], [(s) => s.push('m', 'x'), 1], [(s) => s.expire('m', SHORT), true],
    [(s) => s.setIfAbsent('f', '1', SHORT), true], [wait(PAST), undefined],
    [(s) => s.get('a'), null], [(s) => s.getMany(['a', 'b', 'l']), [null, null, null]], [(s) => s.incr('b'), 1],
    [(s) => s.del('c'), 0], [(s) => s.expire('d', LIVE), false], [(s) => s.setIfAbsent('e', 'again', LIVE), true], [(s) => s.get('e'), 'again'],
    [(s) => s.range('l'), []], [(s) => s.push('m', 'y'), 1], [(s) => s.range('m'), ['y']], [(s) => s.incrMany({ f: 2 }), { f: 2 }]],
  'set and setMany clear an expiry; incr, incrMany and push keep it': [[(s) => s.setIfAbsent('a', '1', SHORT), true],
    [(s) => s.setIfAbsent('b', '1', SHORT), true], [(s) => s.setIfAbsent('c', '1', SHORT), true], [(s) => s.setIfAbsent('d', '1', SHORT), true],
    [(s) => s.push('l', 'x'), 1], [(s) => s.expire('l', SHORT), true],
    [(s) => s.set('a', 'new'), undefined], [(s) => s.setMany({ b: 'new' }), undefined], [(s) => s.incr('c'), 2], [(s) => s.incrMany({ d: 1 }), { d: 2 }],
    [(s) => s.push('l', 'y'), 2], [wait(PAST), undefined],
    [(s) => s.getMany(['a', 'b', 'c', 'd']), ['new', 'new', null, null]], [(s) => s.range('l'), []]],
  'a time to live is a whole number of milliseconds > 0': [
    [(s) => s.setIfAbsent('k', 'v', 0), fails('ttlMs must be a whole number of milliseconds > 0, not 0')],
    [(s) => s.expire('k', 1.5), fails('ttlMs must be a whole number of milliseconds > 0, not 1.5')],
    [(s) => s.setIfAbsent('k', 'v', -5), fails('ttlMs must be a whole number of milliseconds > 0, not -5')], [(s) => s.get('k'), null]],
};

const outcome = (p: Promise<unknown>) => p.then((v) => v, (e: Error) => ({ error: `${e.name}: ${e.message}` }));

function theSharedTable(open: () => Promise<SharedStore & { close?: () => Promise<void> }>): void {
  it.each(Object.entries(CASES))('%s', async (_, calls) => {
    const store = await open();
    try {
      const seen = [];
      for (const [call] of calls) seen.push(await outcome(call(store)));
      expect(seen).toEqual(calls.map(([, gives]) => gives));
    } finally {
      await store.close?.();
    }
  });
}

describe('MemoryStore: the table both backends share', () => theSharedTable(async () => new MemoryStore()));

describe.skipIf(skipWithoutRedis)(withRedis('the redis store'), () => {
  let server: RedisServer;
  const open: RedisStore[] = [];
  const connect = async (prefix = `wsl-test:${randomUUID()}:`) => {
    const store = await connectRedisStore(server.url, prefix);
    open.push(store);
    return store;
  };
  beforeAll(async () => { server = await startRedisServer(); });
  afterAll(async () => {
    await Promise.all(open.map((s) => s.close()));
    await server?.stop();
  });

  describe('the table both backends share', () => theSharedTable(() => connectRedisStore(server.url, `wsl-test:${randomUUID()}:`)));

  it('keeps prefixes apart, and deleteKeys removes only its own prefix', async () => {
    const [a, b] = [await connect('wsl-a:'), await connect('wsl-b:')];
    await a.set('k', 'from a');
    await b.set('k', 'from b');
    await a.incrMany({ n: 1, m: 2 });
    await a.push('l', 'x');
    expect(await b.get('k')).toBe('from b');
    expect(await b.get('n')).toBeNull();
    expect(await deleteKeys(server.url, 'wsl-a:')).toBe(4);
    expect(await a.get('k')).toBeNull();
    expect(await b.get('k')).toBe('from b');
    expect(await deleteKeys(server.url, 'wsl-a:')).toBe(0);
    // The keys as Redis sees them carry the prefix, also those the Lua script and MSET wrote.
    await a.incrMany({ t: 1 });
    await a.setMany({ u: 'x', v: 'y' });
    const raw = new Redis(server.url);
    try {
      expect((await raw.keys('wsl-[ab]:*')).sort()).toEqual(['wsl-a:t', 'wsl-a:u', 'wsl-a:v', 'wsl-b:k']);
    } finally {
      raw.disconnect();
    }
  });

  it('counts every one of 50 concurrent increments, from one connection and from five', async () => {
    const store = await connect();
    const values = await Promise.all(Array.from({ length: 50 }, () => store.incr('n')));
    expect(values.sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const prefix = `wsl-test:${randomUUID()}:`;
    const workers = await Promise.all([1, 2, 3, 4, 5].map(() => connect(prefix)));
    await Promise.all(workers.flatMap((w) => Array.from({ length: 10 }, () => w.incr('n'))));
    expect(await workers[0]!.get('n')).toBe('50');
  });

  it('keeps the sum under 40 concurrent transfers, some of which fail', async () => {
    const store = await connect();
    await store.incr('a', 100);
    await store.set('bad', 'text');
    const transfers = Array.from({ length: 40 }, (_, i) => store.incrMany(i % 4 === 3 ? { a: -1, bad: 1 } : { a: -1, b: 1 }));
    const settled = await Promise.allSettled(transfers);
    expect(settled.filter((s) => s.status === 'rejected')).toHaveLength(10);
    expect([await store.get('a'), await store.get('b')]).toEqual(['70', '30']);
  });

  it('probes: resolves for a server that answers, and says when it wants a password or gets a wrong one', async () => {
    await expect(probeRedis(server.url)).resolves.toBeUndefined();
    const admin = new Redis(server.url);
    const where = `127.0.0.1:${server.port}`;
    try {
      await admin.acl('SETUSER', 'alice', 'on', '>right', '~*', '+@all');
      await expect(probeRedis(`redis://alice:wrong@${where}`)).rejects.toThrow(
        new HarnessError(`cannot reach Redis at redis://alice:***@${where}: wrong user name or password`));
      await expect(probeRedis(`redis://alice:right@${where}`)).resolves.toBeUndefined();
      await admin.config('SET', 'requirepass', 'pw'); // connections already open stay in
      await expect(probeRedis(server.url)).rejects.toThrow(
        new HarnessError(`cannot reach Redis at ${server.url}: it needs a password (redis://:PASSWORD@host:port)`));
    } finally {
      await admin.config('SET', 'requirepass', '');
      admin.disconnect();
    }
  });
});

describe('reaching Redis fails fast, with one line', () => {
  let silent: Server;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    // Accepts connections and never answers: a hung server, or a port that is not Redis.
    silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((r) => silent.close(r));
  });
  const silentUrl = () => `redis://127.0.0.1:${(silent.address() as { port: number }).port}`;

  it.each([
    ['redis://127.0.0.1:1', 'cannot reach Redis at redis://127.0.0.1:1: connection refused'],
    ['redis://:secret@127.0.0.1:1', 'cannot reach Redis at redis://:***@127.0.0.1:1: connection refused'],
    ['redis://nope:abc', 'bad Redis URL "redis://nope:abc": expected redis://[:password@]host:port'],
    ['http://127.0.0.1:6379', 'bad Redis URL "http://127.0.0.1:6379": expected redis://[:password@]host:port'],
  ])('probeRedis(%s)', async (url, message) => {
    const t0 = Date.now();
    const error = await probeRedis(url).catch((e: unknown) => e);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(error).toBeInstanceOf(HarnessError);
    expect((error as Error).message).toBe(message);
  });

  it('gives up on a server that never answers within the timeout', async () => {
    const t0 = Date.now();
    await expect(probeRedis(silentUrl(), 400)).rejects.toThrow(`cannot reach Redis at ${silentUrl()}: no answer within 0.4 s`);
    expect(Date.now() - t0).toBeLessThan(900);
  });

  it('connectRedisStore and deleteKeys fail the same way', async () => {
    await expect(connectRedisStore('redis://127.0.0.1:1', 'p:')).rejects.toThrow(/^cannot reach Redis at redis:\/\/127\.0\.0\.1:1: connection refused$/);
    await expect(deleteKeys('redis://127.0.0.1:1', 'p:')).rejects.toBeInstanceOf(HarnessError);
    await expect(deleteKeys('redis://127.0.0.1:1', '')).rejects.toThrow('needs a prefix');
  });

  it('leaves no socket or timer behind: a process that only probed exits at once', async () => {
    const run = redisChild(['probe', 'redis://127.0.0.1:1', silentUrl()]);
    const refused = await nextLine(run);
    const hung = await nextLine(run);
    const { done } = await nextLine(run);
    expect(refused.error).toBe('HarnessError: cannot reach Redis at redis://127.0.0.1:1: connection refused');
    expect(hung.error).toMatch(/no answer within 0\.5 s$/);
    expect(hung.ms).toBeLessThan(1000);
    expect(await run.exitedAt - done).toBeLessThan(300);
  });
});
