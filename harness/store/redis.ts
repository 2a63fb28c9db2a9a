// The `redis` backend: a real Redis server through ioredis, so that state survives across hosts.
// Each operation is one Redis command (atomic in the server); incrMany is one Lua script, which
// Redis runs with nothing else in between. Errors read as the MemoryStore's, so that a lab's
// fixed variant behaves (and fails) the same on both backends.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { ChannelListeners } from './pubsub.js';
import { closeClient, CONNECT_TIMEOUT_MS, openClient } from './redis-connection.js';
import { checkTtl, StoreError, type SharedStore } from './types.js';

export type RedisStore = SharedStore & { close(): Promise<void> };

// Adds every delta or none. Redis scripts do not roll back on an error, so a failing INCRBY undoes
// the ones before it (DECRBY, or DEL for a key it created) before anyone else can see them.
// Returns {0, value...} on success, or {i, error} when the i-th key failed.
const INCR_MANY = `
local values, created = {}, {}
for i, key in ipairs(KEYS) do
  created[i] = redis.call('EXISTS', key) == 0
  local reply = redis.pcall('INCRBY', key, ARGV[i])
  if type(reply) == 'table' and reply.err then
    for j = i - 1, 1, -1 do
      if created[j] then redis.call('DEL', KEYS[j]) else redis.call('DECRBY', KEYS[j], ARGV[j]) end
    end
    return {i, reply.err}
  end
  values[i] = reply
end
return {0, unpack(values)}`;

/** Redis's own error for a command on `key`, said as the MemoryStore says it; other errors pass. */
function asStoreError(error: unknown, key: string, want: 'string' | 'list'): unknown {
  const message = error instanceof Error ? error.message : String(error);
  if (message.startsWith('WRONGTYPE')) return new StoreError(`key ${key} holds a ${want === 'string' ? 'list' : 'string'}`);
  if (message.includes('not an integer')) return new StoreError(`key ${key} does not hold an integer`);
  if (message.includes('would overflow')) return new StoreError(`key ${key} would overflow`);
  return error;
}

/**
 * Pub/sub on a connection of its own (a subscribed Redis connection can do nothing else), opened at
 * the first subscribe. ioredis prefixes keys, never channels: the prefix is added here, so that runs
 * sharing a server never hear each other.
 */
function channelsOn(url: string, prefix: string) {
  let subscriber: Promise<Redis> | undefined;
  let closed = false;
  const connection = (): Promise<Redis> => {
    if (closed) return Promise.reject(new Error('store: the store is closed'));
    subscriber ??= openClient(url, CONNECT_TIMEOUT_MS).then((sub) => {
      sub.on('message', (channel: string, message: string) => {
        if (channel.startsWith(prefix)) listeners.deliver(channel.slice(prefix.length), message);
      });
      return sub;
    });
    // A connection that could not be opened is tried again at the next subscribe.
    subscriber.catch(() => { subscriber = undefined; });
    return subscriber;
  };
  const listeners = new ChannelListeners(
    async (channel) => (await connection()).subscribe(prefix + channel),
    async (channel) => (await connection()).unsubscribe(prefix + channel),
  );
  return {
    subscribe: (channel: string, onMessage: (message: string) => void) => listeners.add(channel, onMessage),
    async close(): Promise<void> {
      closed = true;
      listeners.clear();
      const sub = await subscriber?.catch(() => undefined);
      if (sub) await closeClient(sub);
    },
  };
}

function storeOn(client: Redis, url: string, prefix: string): RedisStore {
  const on = <T>(key: string, want: 'string' | 'list', reply: Promise<T>): Promise<T> =>
    reply.catch((error: unknown) => { throw asStoreError(error, key, want); });
  const channels = channelsOn(url, prefix);
  return {
    get: (key) => on(key, 'string', client.get(key)),
    getMany: (keys) => client.mget(keys),
    set: async (key, value) => { await client.set(key, value); },
    incr: (key, by = 1) => on(key, 'string', client.incrby(key, by)),
    push: (key, value) => on(key, 'list', client.rpush(key, value)),
    range: (key, start = 0, stop = -1) => on(key, 'list', client.lrange(key, start, stop)),
    del: (key) => client.del(key),
    setMany: async (values) => { await client.mset(values); },
    async incrMany(deltas) {
      const entries = Object.entries(deltas);
      // ioredis prefixes EVAL's keys (the first `numkeys` arguments) like any other command's.
      const reply = (await client.eval(INCR_MANY, entries.length, ...entries.map(([k]) => k), ...entries.map(([, d]) => d))) as unknown[];
      const [failed = 0, ...values] = reply as [number, ...unknown[]];
      if (failed > 0) throw asStoreError(new Error(String(values[0])), entries[failed - 1]![0], 'string');
      return Object.fromEntries(entries.map(([key], i) => [key, Number(values[i])]));
    },
    async setIfAbsent(key, value, ttlMs) {
      checkTtl(ttlMs);
      return (await client.set(key, value, 'PX', ttlMs, 'NX')) === 'OK';
    },
    async expire(key, ttlMs) {
      checkTtl(ttlMs);
      return (await client.pexpire(key, ttlMs)) === 1;
    },
    publish: async (channel, message) => { await client.publish(prefix + channel, message); },
    subscribe: channels.subscribe,
    close: async () => { await Promise.all([closeClient(client), channels.close()]); },
  };
}

/** A key prefix of its own for one run of a lab, so that runs sharing a server never see each other's data. */
export const runPrefix = (labName: string): string => `wsl:${labName}:${randomUUID().slice(0, 8)}:`;

/** A store whose every key starts with `prefix`, so that runs (and tests) sharing a server stay apart. */
export async function connectRedisStore(url: string, prefix: string): Promise<RedisStore> {
  return storeOn(await openClient(url, CONNECT_TIMEOUT_MS, prefix), url, prefix);
}

/** Whether Redis at `url` answers PING; throws a one-line HarnessError within ~`timeoutMs` if not. */
export async function probeRedis(url: string, timeoutMs = CONNECT_TIMEOUT_MS): Promise<void> {
  const client = await openClient(url, timeoutMs);
  try {
    await client.ping();
  } finally {
    await closeClient(client);
  }
}

/** The process id of the Redis server at `url` (INFO server), to tell our own server from another one. */
export async function redisProcessId(url: string, timeoutMs = CONNECT_TIMEOUT_MS): Promise<number> {
  const client = await openClient(url, timeoutMs);
  try {
    return Number(/^process_id:(\d+)/m.exec(await client.info('server'))?.[1] ?? -1);
  } finally {
    await closeClient(client);
  }
}

/** Deletes every key that starts with `prefix` (after a run); returns how many there were. */
export async function deleteKeys(url: string, prefix: string): Promise<number> {
  if (!prefix) throw new Error('deleteKeys needs a prefix: it would delete every key');
  const client = await openClient(url, CONNECT_TIMEOUT_MS);
  const pattern = prefix.replace(/[*?[\]\\]/g, '\\$&') + '*';
  let deleted = 0;
  try {
    for await (const keys of client.scanStream({ match: pattern, count: 500 }) as AsyncIterable<string[]>) {
      if (keys.length > 0) deleted += await client.unlink(...keys);
    }
  } finally {
    await closeClient(client);
  }
  return deleted;
}
