// The data of the `primary` store: plain maps in the cluster primary's memory. Each method runs to
// completion without awaiting anything, so every operation is atomic with respect to every other.
// Expiry is lazy, as Redis's is at heart: a key past its time is removed when an operation touches it,
// and a sweep now and then removes those nobody touches again (a lease per tick, say).
import { deliver, type Listener, type LocalChannels } from './pubsub.js';
import { checkTtl, StoreError, type SharedStore } from './types.js';

/** With this many keys with an expiry, setting one more first removes those already expired (then at twice as many left). */
const SWEEP_ABOVE = 1000;

export class MemoryStore implements SharedStore, LocalChannels {
  readonly #strings = new Map<string, string>();
  readonly #lists = new Map<string, string[]>();
  /** key -> when it expires (Date.now() ms), for keys with a time to live. */
  readonly #expires = new Map<string, number>();
  readonly #channels = new Map<string, Set<Listener>>();
  #sweepAt = SWEEP_ABOVE;

  constructor(private readonly now: () => number = Date.now) {}

  /** Removes the key if its time has passed; every operation calls this first for each key it touches. */
  #expire(key: string): void {
    const at = this.#expires.get(key);
    if (at !== undefined && at < this.now()) this.#remove(key); // as Redis: expired once now is past the deadline, not at it
  }

  #remove(key: string): boolean {
    this.#expires.delete(key);
    return this.#strings.delete(key) || this.#lists.delete(key);
  }

  #exists(key: string): boolean {
    this.#expire(key);
    return this.#strings.has(key) || this.#lists.has(key);
  }

  #expireIn(key: string, ttlMs: number): void {
    if (this.#expires.size >= this.#sweepAt) {
      for (const k of [...this.#expires.keys()]) this.#expire(k);
      this.#sweepAt = Math.max(SWEEP_ABOVE, 2 * this.#expires.size);
    }
    this.#expires.set(key, this.now() + ttlMs);
  }

  #wrongType(key: string, want: 'string' | 'list'): void {
    this.#expire(key);
    const other = want === 'string' ? this.#lists : this.#strings;
    if (other.has(key)) throw new StoreError(`key ${key} holds a ${want === 'string' ? 'list' : 'string'}`);
  }

  async get(key: string): Promise<string | null> {
    this.#wrongType(key, 'string');
    return this.#strings.get(key) ?? null;
  }

  async getMany(keys: string[]): Promise<Array<string | null>> {
    // As Redis's MGET: all read at once (nothing awaited in between), a list reads as null.
    for (const key of keys) this.#expire(key);
    return keys.map((key) => this.#strings.get(key) ?? null);
  }

  async set(key: string, value: string): Promise<void> {
    this.#remove(key); // a new value has no expiry, and replaces a list
    this.#strings.set(key, value);
  }

  /** The integer at `key` (0 when missing), or an error: checked before anything is changed. */
  #integer(key: string): number {
    this.#wrongType(key, 'string');
    const current = this.#strings.get(key) ?? '0';
    // As Redis reads integers: no leading zeros, no "-0", no "+1" (so both stores refuse the same values).
    if (!/^(0|-?[1-9]\d*)$/.test(current)) throw new StoreError(`key ${key} does not hold an integer`);
    return Number(current);
  }

  async incr(key: string, by = 1): Promise<number> {
    const next = this.#integer(key) + by;
    this.#strings.set(key, String(next));
    return next;
  }

  async push(key: string, value: string): Promise<number> {
    this.#wrongType(key, 'list');
    const list = this.#lists.get(key) ?? [];
    list.push(value);
    this.#lists.set(key, list);
    return list.length;
  }

  async range(key: string, start = 0, stop = -1): Promise<string[]> {
    this.#wrongType(key, 'list');
    const list = this.#lists.get(key) ?? [];
    const from = start < 0 ? Math.max(list.length + start, 0) : start;
    const to = stop < 0 ? list.length + stop : stop;
    return list.slice(from, to + 1);
  }

  async incrMany(deltas: Record<string, number>): Promise<Record<string, number>> {
    // Read every key before writing any (all or nothing), and never await in between (atomic).
    const next = Object.entries(deltas).map(([key, by]) => [key, this.#integer(key) + by] as const);
    for (const [key, value] of next) this.#strings.set(key, String(value));
    return Object.fromEntries(next);
  }

  async setMany(values: Record<string, string>): Promise<void> {
    for (const [key, value] of Object.entries(values)) {
      this.#remove(key);
      this.#strings.set(key, value);
    }
  }

  async del(key: string): Promise<number> {
    this.#expire(key);
    return this.#remove(key) ? 1 : 0;
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    checkTtl(ttlMs);
    if (this.#exists(key)) return false;
    this.#strings.set(key, value);
    this.#expireIn(key, ttlMs);
    return true;
  }

  async expire(key: string, ttlMs: number): Promise<boolean> {
    checkTtl(ttlMs);
    if (!this.#exists(key)) return false;
    this.#expireIn(key, ttlMs);
    return true;
  }

  /** Listens on a channel at once (nothing awaited); returns the function that stops it. */
  listen(channel: string, listener: Listener): () => void {
    const listeners = this.#channels.get(channel) ?? new Set<Listener>();
    this.#channels.set(channel, listeners);
    const own: Listener = (message) => listener(message); // its own identity: the same function may listen twice
    listeners.add(own);
    return () => {
      listeners.delete(own);
      if (listeners.size === 0 && this.#channels.get(channel) === listeners) this.#channels.delete(channel);
    };
  }

  async publish(channel: string, message: string): Promise<void> {
    deliver(this.#channels.get(channel) ?? [], message);
  }

  async subscribe(channel: string, onMessage: (message: string) => void): Promise<() => Promise<void>> {
    const stop = this.listen(channel, onMessage);
    return async () => stop();
  }
}
