// The fault --store-latency MIN-MAX: every store operation waits a random time before it reaches the
// store, so that operations from different workers (and from one worker) arrive out of order, as
// they do with a real store over a real network. A fix that answers before its write was applied
// (`void store.incr(...)`) looks right against a fast in-order store and is caught only here.
import { setTimeout as sleep } from 'node:timers/promises';
import type { SharedStore, StoreLatency } from './types.js';

export class DelayedStore implements SharedStore {
  constructor(private readonly inner: SharedStore, private readonly latency: StoreLatency) {}

  /** A whole number of milliseconds in [min, max], drawn anew for every operation. */
  async #delay(): Promise<void> {
    const { min, max } = this.latency;
    await sleep(min + Math.floor(Math.random() * (max - min + 1)));
  }

  async get(key: string) { await this.#delay(); return this.inner.get(key); }
  async getMany(keys: string[]) { await this.#delay(); return this.inner.getMany(keys); }
  async set(key: string, value: string) { await this.#delay(); return this.inner.set(key, value); }
  async incr(key: string, by?: number) { await this.#delay(); return this.inner.incr(key, by); }
  async push(key: string, value: string) { await this.#delay(); return this.inner.push(key, value); }
  async range(key: string, start?: number, stop?: number) { await this.#delay(); return this.inner.range(key, start, stop); }
  async del(key: string) { await this.#delay(); return this.inner.del(key); }
  async incrMany(deltas: Record<string, number>) { await this.#delay(); return this.inner.incrMany(deltas); }
  async setMany(values: Record<string, string>) { await this.#delay(); return this.inner.setMany(values); }
  async setIfAbsent(key: string, value: string, ttlMs: number) { await this.#delay(); return this.inner.setIfAbsent(key, value, ttlMs); }
  async expire(key: string, ttlMs: number) { await this.#delay(); return this.inner.expire(key, ttlMs); }
  async publish(channel: string, message: string) { await this.#delay(); return this.inner.publish(channel, message); }
  /** Subscribing and unsubscribing wait as any operation does; a message, once published, arrives undelayed (in order). */
  async subscribe(channel: string, onMessage: (message: string) => void) {
    await this.#delay();
    const unsubscribe = await this.inner.subscribe(channel, onMessage);
    return async () => { await this.#delay(); await unsubscribe(); };
  }
}
