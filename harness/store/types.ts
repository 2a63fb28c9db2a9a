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
}

export type StoreOp = keyof SharedStore;
type ArgKind = 'key' | 'keys' | 'string' | 'int' | 'int?' | 'deltas' | 'values';
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
};

const argOk: Record<ArgKind, (v: unknown) => boolean> = {
  key: (v) => typeof v === 'string' && v.length > 0 && v.length <= 512,
  keys: (v) => Array.isArray(v) && v.length > 0 && v.length <= 64 && v.every((k) => argOk.key(k)),
  string: (v) => typeof v === 'string',
  int: (v) => Number.isSafeInteger(v),
  'int?': (v) => v === undefined || v === null || Number.isSafeInteger(v),
  values: (v) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length > 0 && Object.keys(v).length <= 64 &&
    Object.entries(v).every(([k, x]) => argOk.key(k) && typeof x === 'string'),
  deltas: (v) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length > 0 && Object.keys(v).length <= 64 &&
    Object.entries(v).every(([k, d]) => argOk.key(k) && Number.isSafeInteger(d)),
};

/** Why a call is malformed, or null when it is well formed. */
export function invalidCall(op: unknown, args: unknown): string | null {
  if (typeof op !== 'string' || !Object.hasOwn(STORE_OPS, op)) return `unknown store operation ${JSON.stringify(op)}`;
  const kinds = STORE_OPS[op as StoreOp];
  if (!Array.isArray(args) || args.length > kinds.length) return `${op} takes ${kinds.length} arguments`;
  for (const [i, kind] of kinds.entries()) {
    if (!argOk[kind](args[i])) return `${op}: argument ${i + 1} must be ${kind.replace('?', ' (optional)')}`;
  }
  return null;
}

/** An error the store reports for a well-formed call it cannot do (a wrong type, say). */
export class StoreError extends Error {
  override name = 'StoreError';
}
