// The shared state that fixed variants use instead of process memory. Every operation is atomic:
// the whole read-modify-write happens inside the store (the cluster primary, or Redis), never as
// a get in the worker followed by a set.
export type StoreKind = 'primary' | 'redis';
export const STORE_KINDS: readonly StoreKind[] = ['primary', 'redis'];

/**
 * How long a store operation may go unanswered, on either backend. A run drives thousands of
 * operations a second: one with no answer for this long means a wedged store, and the request that
 * waits for it must fail (and be recorded as indeterminate), never hang the run.
 */
export const STORE_TIMEOUT_MS = 5000;

/** The fault --store-latency: every operation waits a random number of milliseconds in [min, max] before it reaches the store. */
export interface StoreLatency { min: number; max: number }
export const latencyText = (latency: StoreLatency | undefined): string => (latency ? `${latency.min}-${latency.max}` : 'none');
/** `0-50` → {min: 0, max: 50}; `none` → undefined. Only for texts latencyText made (the CLI validates user input). */
export function latencyOf(text: string): StoreLatency | undefined {
  const match = /^(\d+)-(\d+)$/.exec(text);
  return match ? { min: Number(match[1]), max: Number(match[2]) } : undefined;
}
/**
 * The latency of the extra cell that the default matrix runs for every variant with a store. Measured
 * (npm run bench): 0-50 ms exposes a write acknowledged before the store applied it in every run.
 */
export const DEFAULT_LATENCY: StoreLatency = { min: 0, max: 50 };

export interface SharedStore {
  get(key: string): Promise<string | null>;
  /** Several strings read as one operation (Redis's MGET): a snapshot, never half before and half after a change. A key that is missing or holds a list reads as null. */
  getMany(keys: string[]): Promise<Array<string | null>>;
  set(key: string, value: string): Promise<void>;
  /** Adds `by` (default 1) and returns the new value; a missing key counts as 0. */
  incr(key: string, by?: number): Promise<number>;
  /** Appends to the list at `key` and returns its new length. */
  push(key: string, value: string): Promise<number>;
  /** Items `start..stop` of a list, both inclusive; negative indexes count from the end (as Redis's LRANGE). */
  range(key: string, start?: number, stop?: number): Promise<string[]>;
  /** Removes the key; returns 1 if it existed, else 0. */
  del(key: string): Promise<number>;
  /** Adds each delta to its key, all or nothing, as one operation (a transfer); returns the new values. */
  incrMany(deltas: Record<string, number>): Promise<Record<string, number>>;
  /** Sets several keys as one operation (Redis's MSET): all at once, never some of them. */
  setMany(values: Record<string, string>): Promise<void>;
  /** Sets key to value only if the key is absent, expiring after ttlMs; true if this call set it (Redis SET NX PX): a lease, a lock, an idempotency key. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** Makes an existing key expire after ttlMs (Redis PEXPIRE); true if the key existed. */
  expire(key: string, ttlMs: number): Promise<boolean>;
  /** Delivers message to every current subscriber of channel, in every worker of this store (Redis PUBLISH). */
  publish(channel: string, message: string): Promise<void>;
  /** Calls onMessage for every message published on channel from now on; resolves once the subscription is active (a publish after that reaches it); the returned function unsubscribes. */
  subscribe(channel: string, onMessage: (message: string) => void): Promise<() => Promise<void>>;
}
// Expiry, as in Redis: an expired key reads as absent to every operation. `set` and `setMany` clear
// a key's expiry (a new value); `incr`, `incrMany` and `push` keep it (the same value, changed).

/**
 * What a worker asks its primary over IPC: every operation, where `subscribe` and `unsubscribe` put
 * the worker itself on or off a channel (its listeners stay in the worker; see pubsub.ts).
 */
export type StoreOp = keyof SharedStore | 'unsubscribe';
type ArgKind = 'key' | 'keys' | 'string' | 'int' | 'int?' | 'ttl' | 'deltas' | 'values';
/** The operations and their arguments: the one place both the IPC server and its tests validate against. */
export const STORE_OPS: Record<StoreOp, readonly ArgKind[]> = {
  get: ['key'],
  getMany: ['keys'],
  set: ['key', 'string'],
  incr: ['key', 'int?'],
  push: ['key', 'string'],
  range: ['key', 'int?', 'int?'],
  del: ['key'],
  incrMany: ['deltas'],
  setMany: ['values'],
  setIfAbsent: ['key', 'string', 'ttl'],
  expire: ['key', 'ttl'],
  // A channel is named like a key (a non-empty string of at most 512 characters).
  publish: ['key', 'string'],
  subscribe: ['key'],
  unsubscribe: ['key'],
};

const argOk: Record<ArgKind, (v: unknown) => boolean> = {
  key: (v) => typeof v === 'string' && v.length > 0 && v.length <= 512,
  keys: (v) => Array.isArray(v) && v.length > 0 && v.length <= 64 && v.every((k) => argOk.key(k)),
  string: (v) => typeof v === 'string',
  int: (v) => Number.isSafeInteger(v),
  'int?': (v) => v === undefined || v === null || Number.isSafeInteger(v),
  ttl: (v) => isTtl(v),
  values: (v) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length > 0 && Object.keys(v).length <= 64 &&
    Object.entries(v).every(([k, x]) => argOk.key(k) && typeof x === 'string'),
  deltas: (v) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length > 0 && Object.keys(v).length <= 64 &&
    Object.entries(v).every(([k, d]) => argOk.key(k) && Number.isSafeInteger(d)),
};

/** A time to live is a whole, positive number of milliseconds (Redis refuses 0 in SET PX; PEXPIRE 0 would delete). */
export const isTtl = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) > 0;
const TTL_KIND = 'ttl (a whole number of milliseconds > 0)';

/** Why a call is malformed, or null when it is well formed. */
export function invalidCall(op: unknown, args: unknown): string | null {
  if (typeof op !== 'string' || !Object.hasOwn(STORE_OPS, op)) return `unknown store operation ${JSON.stringify(op)}`;
  const kinds = STORE_OPS[op as StoreOp];
  if (!Array.isArray(args) || args.length > kinds.length) return `${op} takes ${kinds.length} arguments`;
  for (const [i, kind] of kinds.entries()) {
    if (!argOk[kind](args[i])) return `${op}: argument ${i + 1} must be ${kind === 'ttl' ? TTL_KIND : kind.replace('?', ' (optional)')}`;
  }
  return null;
}

/** An error the store reports for a well-formed call it cannot do (a wrong type, say). */
export class StoreError extends Error {
  override name = 'StoreError';
}

/** Both backends refuse a bad time to live the same way, also when called directly (not over IPC). */
export function checkTtl(ttlMs: number): void {
  if (!isTtl(ttlMs)) throw new StoreError(`ttlMs must be a whole number of milliseconds > 0, not ${String(ttlMs)}`);
}
