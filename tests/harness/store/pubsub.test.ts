import type { Worker } from 'node:cluster';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisServer, type RedisServer } from '../../../harness/redis-server.js';
import { DelayedStore } from '../../../harness/store/latency.js';
import { MemoryStore } from '../../../harness/store/memory.js';
import { answerStoreRequest, PrimaryStoreClient, type Channel } from '../../../harness/store/primary.js';
import { connectRedisStore, type RedisStore } from '../../../harness/store/redis.js';
import { invalidCall, type SharedStore } from '../../../harness/store/types.js';
import { skipWithoutRedis, withRedis } from '../../helpers/redis.js';

// Publish/subscribe, the same on both backends. `workers(n)` opens n stores that share their data, as
// n cluster workers do: IPC clients of one primary's MemoryStore, or Redis connections with one prefix.
type Workers = (n: number) => Promise<SharedStore[]>;
const settle = (ms = 30) => new Promise((r) => setTimeout(r, ms));

/** Listens on `channel` in `store` and keeps what arrives. */
async function inbox(store: SharedStore, channel: string) {
  const got: string[] = [];
  const unsubscribe = await store.subscribe(channel, (m) => got.push(m));
  return { got, unsubscribe };
}

function thePubSubTable(workers: Workers): void {
  it('delivers each message, in order, to every subscriber in every worker, once', async () => {
    const [a, b, c] = await workers(3);
    const [inA, inB, inB2] = [await inbox(a!, 'news'), await inbox(b!, 'news'), await inbox(b!, 'news')];
    const other = await inbox(a!, 'other');
    for (const m of ['one', 'two', 'three']) await c!.publish('news', m);
    await a!.publish('news', 'four');
    await settle();
    expect([inA.got, inB.got, inB2.got]).toEqual([['one', 'two', 'three', 'four'], ['one', 'two', 'three', 'four'], ['one', 'two', 'three', 'four']]);
    expect(other.got).toEqual([]);
  });

  it('stops delivering to a listener that unsubscribed, and only to it', async () => {
    const [a, b] = await workers(2);
    const [first, second, elsewhere] = [await inbox(a!, 'ch'), await inbox(a!, 'ch'), await inbox(b!, 'ch')];
    await first.unsubscribe();
    await first.unsubscribe(); // twice is harmless
    await b!.publish('ch', 'after');
    // Published is not yet delivered (Redis hands the message on after PUBLISH answers): let it arrive.
    await settle();
    await second.unsubscribe();
    await elsewhere.unsubscribe();
    await b!.publish('ch', 'nobody');
    await settle();
    expect([first.got, second.got, elsewhere.got]).toEqual([[], ['after'], ['after']]);
    // Subscribing again after everyone left works as the first time.
    const again = await inbox(a!, 'ch');
    await b!.publish('ch', 'back');
    await settle();
    expect(again.got).toEqual(['back']);
  });

  it('publishing to a channel nobody listens on is fine, and nothing published before a subscribe arrives', async () => {
    const [a, b] = await workers(2);
    await a!.publish('quiet', 'lost to nobody');
    const late = await inbox(b!, 'quiet');
    await settle();
    expect(late.got).toEqual([]);
  });
}

/** n PrimaryStoreClients wired to one primary's answerStoreRequest, each message through JSON as IPC carries it. */
function primaryWorkers(store = new MemoryStore()) {
  const connected: Array<{ connected: boolean }> = [];
  const open: Workers = async (n) => Array.from({ length: n }, () => {
    let toWorker: (m: unknown) => void = () => {};
    const state = { connected: true };
    connected.push(state);
    const worker = {
      isConnected: () => state.connected,
      send: (m: unknown, cb?: () => void) => { setImmediate(() => { toWorker(JSON.parse(JSON.stringify(m))); cb?.(); }); return true; },
    } as unknown as Worker;
    const channel: Channel = {
      send: (m) => setImmediate(() => answerStoreRequest(store, worker, JSON.parse(JSON.stringify(m)))),
      onMessage: (l) => { toWorker = l; },
    };
    return new PrimaryStoreClient(channel, 1000);
  });
  return { open, connected, store };
}

describe('the primary store: pub/sub fanned out over IPC', () => {
  thePubSubTable(primaryWorkers().open);

  it('takes a worker that has gone off its channels at the next message, and serves the others', async () => {
    const { open, connected, store } = primaryWorkers();
    const [a, b] = await open(2);
    const [inA, inB] = [await inbox(a!, 'ch'), await inbox(b!, 'ch')];
    connected[0]!.connected = false; // worker a died
    await b!.publish('ch', 'one');
    await b!.publish('ch', 'two');
    await settle();
    expect([inA.got, inB.got]).toEqual([[], ['one', 'two']]);
    // Only b is still subscribed in the primary's store: one listener left on the channel.
    const heard: string[] = [];
    const stop = store.listen('ch', (m) => heard.push(m));
    await store.publish('ch', 'three');
    stop();
    await settle();
    expect(heard).toEqual(['three']);
    expect(inB.got).toEqual(['one', 'two', 'three']);
  });

  it('fails subscribe and publish that a wedged primary never answers, within the timeout', async () => {
    const wedged = new PrimaryStoreClient({ send: () => {}, onMessage: () => {} }, 150);
    await expect(wedged.subscribe('ch', () => {})).rejects.toThrow('store: no answer from the primary within 0.15 s (subscribe)');
    await expect(wedged.publish('ch', 'm')).rejects.toThrow('store: no answer from the primary within 0.15 s (publish)');
    await expect(wedged.setIfAbsent('k', 'v', 100)).rejects.toThrow('store: no answer from the primary within 0.15 s (setIfAbsent)');
  });

  it.each([
    ['setIfAbsent', ['k', 'v', 0], 'setIfAbsent: argument 3 must be ttl (a whole number of milliseconds > 0)'],
    ['setIfAbsent', ['k', 'v'], 'setIfAbsent: argument 3 must be ttl (a whole number of milliseconds > 0)'],
    ['expire', ['k', 1.5], 'expire: argument 2 must be ttl (a whole number of milliseconds > 0)'],
    ['publish', ['', 'm'], 'publish: argument 1 must be key'],
    ['publish', ['ch', 5], 'publish: argument 2 must be string'],
    ['subscribe', [''], 'subscribe: argument 1 must be key'],
    ['unsubscribe', ['ch', 'x'], 'unsubscribe takes 1 arguments'],
  ])('validates %s %j over IPC', (op, args, message) => {
    expect(invalidCall(op, args)).toBe(message);
  });
});

describe('DelayedStore: pub/sub through a slow store', () => {
  thePubSubTable(async (n) => {
    const store = new MemoryStore();
    return Array.from({ length: n }, () => new DelayedStore(store, { min: 0, max: 20 }));
  });
});

describe.skipIf(skipWithoutRedis)(withRedis('the redis store: pub/sub on a connection of its own'), () => {
  let server: RedisServer;
  const opened: RedisStore[] = [];
  const connect = async (prefix: string) => {
    const store = await connectRedisStore(server.url, prefix);
    opened.push(store);
    return store;
  };
  beforeAll(async () => { server = await startRedisServer(); });
  afterAll(async () => {
    await Promise.all(opened.map((s) => s.close()));
    await server?.stop();
  });

  thePubSubTable(async (n) => {
    const prefix = `wsl-test:${randomUUID()}:`;
    return Promise.all(Array.from({ length: n }, () => connect(prefix)));
  });

  it('keeps runs apart: a channel carries its store prefix, and a store with another prefix hears nothing', async () => {
    const [a, b] = [await connect('wsl-pa:'), await connect('wsl-pb:')];
    const [inA, inB] = [await inbox(a, 'ch'), await inbox(b, 'ch')];
    await a.publish('ch', 'for a');
    await settle();
    expect([inA.got, inB.got]).toEqual([['for a'], []]);
    const raw = new Redis(server.url);
    try {
      expect(((await raw.pubsub('CHANNELS', 'wsl-p*')) as string[]).sort()).toEqual(['wsl-pa:ch', 'wsl-pb:ch']);
    } finally {
      raw.disconnect();
    }
  });

  it('opens the subscriber connection only when needed, and close ends both connections', async () => {
    const raw = new Redis(server.url);
    const clients = async () => ((await raw.client('LIST')) as string).trim().split('\n').length;
    try {
      const before = await clients();
      const store = await connectRedisStore(server.url, `wsl-test:${randomUUID()}:`);
      await store.set('k', 'v');
      expect(await clients()).toBe(before + 1);
      await store.subscribe('ch', () => {});
      expect(await clients()).toBe(before + 2);
      await store.close();
      await settle(50);
      expect(await clients()).toBe(before);
      await expect(store.subscribe('ch', () => {})).rejects.toThrow('the store is closed');
    } finally {
      raw.disconnect();
    }
  });
});
