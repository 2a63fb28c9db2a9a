// The data of the `primary` store: plain maps in the cluster primary's memory. Each method runs to
// completion without awaiting anything, so every operation is atomic with respect to every other.
import { StoreError, type SharedStore } from './types.js';

export class MemoryStore implements SharedStore {
  readonly #strings = new Map<string, string>();
  readonly #lists = new Map<string, string[]>();

  #wrongType(key: string, want: 'string' | 'list'): void {
    const other = want === 'string' ? this.#lists : this.#strings;
    if (other.has(key)) throw new StoreError(`key ${key} holds a ${want === 'string' ? 'list' : 'string'}`);
  }

  async get(key: string): Promise<string | null> {
    this.#wrongType(key, 'string');
    return this.#strings.get(key) ?? null;
  }

  async getMany(keys: string[]): Promise<Array<string | null>> {
    // As Redis's MGET: all read at once (nothing awaited in between), a list reads as null.
    return keys.map((key) => this.#strings.get(key) ?? null);
  }

  async set(key: string, value: string): Promise<void> {
    this.#lists.delete(key);
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
      this.#lists.delete(key);
      this.#strings.set(key, value);
    }
  }

  async del(key: string): Promise<number> {
    const existed = this.#strings.delete(key) || this.#lists.delete(key);
    return existed ? 1 : 0;
  }
}
