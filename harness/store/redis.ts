// The `redis` backend: a real Redis server through ioredis, so that state survives across hosts.
// Each operation is one Redis command (atomic in the server); incrMany is one Lua script, which
// Redis runs with nothing else in between. Errors read as the MemoryStore's, so that a lab's
// fixed variant behaves (and fails) the same on both backends.
import { randomUUID } from 'node:crypto';
import { Redis, type RedisOptions } from 'ioredis';
import { HarnessError } from '../errors.js';
import { STORE_TIMEOUT_MS, StoreError, type SharedStore } from './types.js';

export type RedisStore = SharedStore & { close(): Promise<void> };

const CONNECT_TIMEOUT_MS = 3000;
// Once connected, a dropped connection is retried a few times (a blip), then commands fail.
const RECONNECTS = 5;

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

/** The URL as it may be shown: without its password. */
const shown = (url: string): string => url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');

function checkUrl(url: string): void {
  let parsed: URL | undefined;
  try { parsed = new URL(url); } catch { /* reported below */ }
  if (!parsed || !['redis:', 'rediss:'].includes(parsed.protocol) || !parsed.hostname) {
    throw new HarnessError(`bad Redis URL "${shown(url)}": expected redis://[:password@]host:port`);
  }
}

/** Why a connection failed, in a few words. */
function why(error: unknown, timeoutMs: number): string {
  const { code, message = '' } = (error ?? {}) as { code?: string; message?: string };
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'unknown host';
  if (code === 'ETIMEDOUT' || !error) return `no answer within ${timeoutMs / 1000} s`;
  if (message.startsWith('NOAUTH')) return 'it needs a password (redis://:PASSWORD@host:port)';
  if (message.startsWith('WRONGPASS')) return 'wrong user name or password';
  return message.split('\n')[0] ?? 'unknown error';
}

/** Connects, or throws a one-line HarnessError within `timeoutMs`, leaving no socket or timer behind. */
async function openClient(url: string, timeoutMs: number, keyPrefix = ''): Promise<Redis> {
  checkUrl(url);
  let ready = false;
  let lastError: unknown;
  const options: RedisOptions = {
    keyPrefix,
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: STORE_TIMEOUT_MS,
    disconnectTimeout: 100,
    // Never reconnect while connecting (fail fast); later, a few quick tries.
    retryStrategy: (times) => (ready && times <= RECONNECTS ? times * 100 : null),
    // A command in flight when the connection drops fails at once instead of being sent again: a
    // resent INCRBY could count twice, and the checkers would blame the lab for it.
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
  };
  const client = new Redis(url, options);
  // Errors reach the caller through the commands (and connect) that fail; without a listener
  // ioredis would print them.
  client.on('error', (error) => { lastError = error; });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error('deadline')), timeoutMs); });
  try {
    await Promise.race([client.connect(), deadline]);
    ready = true;
    return client;
  } catch {
    client.disconnect();
    throw new HarnessError(`cannot reach Redis at ${shown(url)}: ${why(lastError, timeoutMs)}`);
  } finally {
    clearTimeout(timer);
  }
}

/** Says goodbye (QUIT), and resolves once the socket is closed. */
async function closeClient(client: Redis): Promise<void> {
  if (client.status === 'end') return;
  const ended = new Promise<void>((resolve) => client.once('end', () => resolve()));
  await client.quit().catch(() => client.disconnect());
  // A client waiting to reconnect has no socket left, and ioredis then never says 'end'.
  if (client.status !== 'reconnecting') await ended;
}

/** Redis's own error for a command on `key`, said as the MemoryStore says it; other errors pass. */
function asStoreError(error: unknown, key: string, want: 'string' | 'list'): unknown {
  const message = error instanceof Error ? error.message : String(error);
  if (message.startsWith('WRONGTYPE')) return new StoreError(`key ${key} holds a ${want === 'string' ? 'list' : 'string'}`);
  if (message.includes('not an integer')) return new StoreError(`key ${key} does not hold an integer`);
  if (message.includes('would overflow')) return new StoreError(`key ${key} would overflow`);
  return error;
}

function storeOn(client: Redis): RedisStore {
  const on = <T>(key: string, want: 'string' | 'list', reply: Promise<T>): Promise<T> =>
    reply.catch((error: unknown) => { throw asStoreError(error, key, want); });
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
    close: () => closeClient(client),
  };
}

/** A key prefix of its own for one run of a lab, so that runs sharing a server never see each other's data. */
export const runPrefix = (labName: string): string => `wsl:${labName}:${randomUUID().slice(0, 8)}:`;

/** A store whose every key starts with `prefix`, so that runs (and tests) sharing a server stay apart. */
export async function connectRedisStore(url: string, prefix: string): Promise<RedisStore> {
  return storeOn(await openClient(url, CONNECT_TIMEOUT_MS, prefix));
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
