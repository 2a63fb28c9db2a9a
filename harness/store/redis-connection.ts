// Opening and closing one ioredis connection, with the harness's rules: fail fast with one line
// when Redis cannot be reached, never resend a command after a dropped connection, leave no socket
// or timer behind. The store (redis.ts) uses one connection for commands and one for pub/sub.
import { Redis, type RedisOptions } from 'ioredis';
import { HarnessError } from '../errors.js';
import { STORE_TIMEOUT_MS } from './types.js';

export const CONNECT_TIMEOUT_MS = 3000;
// Once connected, a dropped connection is retried a few times (a blip), then commands fail.
const RECONNECTS = 5;

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
export async function openClient(url: string, timeoutMs: number, keyPrefix = ''): Promise<Redis> {
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
export async function closeClient(client: Redis): Promise<void> {
  if (client.status === 'end') return;
  const ended = new Promise<void>((resolve) => client.once('end', () => resolve()));
  await client.quit().catch(() => client.disconnect());
  // A client waiting to reconnect has no socket left, and ioredis then never says 'end'.
  if (client.status !== 'reconnecting') await ended;
}
