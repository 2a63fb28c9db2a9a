// Publish/subscribe, shared by the backends. A worker keeps its listeners itself and is subscribed
// to a channel once, however many listeners it has there (ChannelListeners): one IPC subscription to
// the primary, or one SUBSCRIBE on its Redis subscriber connection. In the cluster primary, the
// MemoryStore's channels fan each message out over IPC to the workers that subscribed (workerFanOut).
import type { Worker } from 'node:cluster';

export type Listener = (message: string) => void;

/**
 * Calls every listener with the message. One that throws does not keep the message from the others;
 * its error is thrown again outside the delivery, as an uncaught exception (as a throwing listener
 * of any Node event would be), so that a lab's bug stays visible on both backends.
 */
export function deliver(listeners: Iterable<Listener>, message: string): void {
  for (const listener of [...listeners]) {
    try {
      listener(message);
    } catch (error) {
      setImmediate(() => { throw error; });
    }
  }
}

interface Channel { listeners: Set<Listener>; active: Promise<void> }

/** A worker's listeners per channel; `activate`/`deactivate` subscribe the worker itself, once per channel. */
export class ChannelListeners {
  readonly #channels = new Map<string, Channel>();

  constructor(
    private readonly activate: (channel: string) => Promise<unknown>,
    private readonly deactivate: (channel: string) => Promise<unknown>,
  ) {}

  async add(channel: string, listener: Listener): Promise<() => Promise<void>> {
    let entry = this.#channels.get(channel);
    if (!entry) {
      const created: Channel = { listeners: new Set(), active: this.activate(channel).then(() => undefined) };
      // A subscription that failed is forgotten, so that the next subscribe tries again.
      created.active.catch(() => { if (this.#channels.get(channel) === created) this.#channels.delete(channel); });
      this.#channels.set(channel, created);
      entry = created;
    }
    const wrapped: Listener = (message) => listener(message); // its own identity: the same function may listen twice
    entry.listeners.add(wrapped);
    try {
      await entry.active;
    } catch (error) {
      entry.listeners.delete(wrapped);
      throw error;
    }
    const subscribed = entry;
    let done = false;
    return async () => {
      if (done) return;
      done = true;
      subscribed.listeners.delete(wrapped);
      if (subscribed.listeners.size > 0 || this.#channels.get(channel) !== subscribed) return;
      this.#channels.delete(channel);
      await this.deactivate(channel);
    };
  }

  /** A message arrived for this worker on `channel`. */
  deliver(channel: string, message: string): void {
    const entry = this.#channels.get(channel);
    if (entry) deliver(entry.listeners, message);
  }

  /** Forgets every listener (the store closed): the next subscribe starts anew. */
  clear(): void { this.#channels.clear(); }
}

/** Sent by the primary to a worker for every message on a channel it subscribed to. */
export interface StoreMessage { wsl: 'store:message'; channel: string; message: string }
export const isStoreMessage = (m: unknown): m is StoreMessage =>
  typeof m === 'object' && m !== null && (m as { wsl?: unknown }).wsl === 'store:message';

/** What the fan-out needs of the primary's store: to listen on a channel at once (nothing awaited, so never twice). */
export interface LocalChannels { listen(channel: string, listener: Listener): () => void }

// Per worker, its subscriptions in the primary's store: channel -> stop listening.
const subscriptions = new WeakMap<Worker, Map<string, () => void>>();

/**
 * The primary's side of a worker's `subscribe` / `unsubscribe`: puts the worker itself on (or off) the
 * store's channel, at most once. A worker that has gone is taken off at the next message for it.
 */
export function workerFanOut(store: LocalChannels, worker: Worker, op: 'subscribe' | 'unsubscribe', channel: string): void {
  let mine = subscriptions.get(worker);
  if (!mine) subscriptions.set(worker, (mine = new Map()));
  if (op === 'unsubscribe') {
    mine.get(channel)?.();
    mine.delete(channel);
    return;
  }
  if (mine.has(channel)) return;
  const forward: Listener = (message) => {
    if (!worker.isConnected()) {
      mine.get(channel)?.();
      mine.delete(channel);
      return;
    }
    const sent: StoreMessage = { wsl: 'store:message', channel, message };
    worker.send(sent, () => { /* a worker that is leaving cannot be reached */ });
  };
  mine.set(channel, store.listen(channel, forward));
}
