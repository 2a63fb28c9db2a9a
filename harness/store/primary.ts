// The `primary` backend: the cluster primary holds a MemoryStore and workers send it operations
// over the cluster's IPC channel, each with a request id so that answers find their caller.
// (Seed 003's answer builds the same thing from Python's multiprocessing managers.)
import type { Worker } from 'node:cluster';
import { MemoryStore } from './memory.js';
import { ChannelListeners, isStoreMessage, workerFanOut } from './pubsub.js';
import { invalidCall, STORE_TIMEOUT_MS, type SharedStore, type StoreOp } from './types.js';

interface StoreRequest { wsl: 'store'; id: number; op: unknown; args: unknown }
interface StoreReply { wsl: 'store:reply'; id: number; ok: boolean; value?: unknown; error?: string }

const isRequest = (m: unknown): m is StoreRequest =>
  typeof m === 'object' && m !== null && (m as { wsl?: unknown }).wsl === 'store';
const isReply = (m: unknown): m is StoreReply =>
  typeof m === 'object' && m !== null && (m as { wsl?: unknown }).wsl === 'store:reply';

/** Answers one message if it is a store request; returns false for any other message. Never throws. */
export function answerStoreRequest(store: MemoryStore, worker: Worker, message: unknown): boolean {
  if (!isRequest(message)) return false;
  const id = Number.isSafeInteger(message.id) ? message.id : -1;
  const reply = (r: Omit<StoreReply, 'wsl' | 'id'>): void => {
    if (worker.isConnected()) worker.send({ wsl: 'store:reply', id, ...r }, () => { /* a worker that left cannot be answered */ });
  };
  const problem = id < 0 ? 'a store request needs an integer id' : invalidCall(message.op, message.args);
  if (problem) {
    reply({ ok: false, error: problem });
    return true;
  }
  // JSON over IPC turns an omitted optional argument into null; the store wants undefined.
  const args = (message.args as unknown[]).map((a) => (a === null ? undefined : a));
  const op = message.op as StoreOp;
  if (op === 'subscribe' || op === 'unsubscribe') {
    // The worker itself goes on (off) the channel; its listeners stay in the worker (pubsub.ts).
    workerFanOut(store, worker, op, args[0] as string);
    reply({ ok: true });
    return true;
  }
  const method = store[op] as (...a: unknown[]) => Promise<unknown>;
  method.apply(store, args).then(
    (value) => reply({ ok: true, value }),
    (error: unknown) => reply({ ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
  return true;
}

/** How a worker talks to its primary: `process.send` and `process.on('message')` in a cluster worker. */
export interface Channel {
  send(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
}

const processChannel = (): Channel => {
  const send = process.send?.bind(process);
  if (!send) throw new Error('the primary store is only reachable from a cluster worker');
  return { send: (m) => send(m), onMessage: (listener) => process.on('message', listener) };
};

/** The worker's side: a SharedStore whose every call is one IPC round trip to the primary. */
export class PrimaryStoreClient implements SharedStore {
  #nextId = 1;
  readonly #pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  readonly #listeners = new ChannelListeners(
    (channel) => this.#call('subscribe', [channel]),
    (channel) => this.#call('unsubscribe', [channel]),
  );

  constructor(private readonly channel: Channel = processChannel(), private readonly timeoutMs = STORE_TIMEOUT_MS) {
    channel.onMessage((message) => {
      if (isStoreMessage(message)) this.#listeners.deliver(message.channel, message.message);
      if (!isReply(message)) return;
      const waiter = this.#pending.get(message.id);
      if (!waiter) return;
      this.#pending.delete(message.id);
      clearTimeout(waiter.timer);
      if (message.ok) waiter.resolve(message.value);
      else waiter.reject(new Error(`store: ${message.error}`));
    });
  }

  #call<T>(op: StoreOp, args: unknown[]): Promise<T> {
    return new Promise((resolve, reject) => {
      const id = this.#nextId++;
      // A primary that never answers (wedged, or gone) fails the call instead of hanging its request.
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new Error(`store: no answer from the primary within ${this.timeoutMs / 1000} s (${op})`));
      }, this.timeoutMs);
      this.#pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      this.channel.send({ wsl: 'store', id, op, args });
    });
  }

  get(key: string) { return this.#call<string | null>('get', [key]); }
  getMany(keys: string[]) { return this.#call<Array<string | null>>('getMany', [keys]); }
  set(key: string, value: string) { return this.#call<void>('set', [key, value]); }
  incr(key: string, by?: number) { return this.#call<number>('incr', [key, by]); }
  push(key: string, value: string) { return this.#call<number>('push', [key, value]); }
  range(key: string, start?: number, stop?: number) { return this.#call<string[]>('range', [key, start, stop]); }
  del(key: string) { return this.#call<number>('del', [key]); }
  incrMany(deltas: Record<string, number>) { return this.#call<Record<string, number>>('incrMany', [deltas]); }
  setMany(values: Record<string, string>) { return this.#call<void>('setMany', [values]); }
  setIfAbsent(key: string, value: string, ttlMs: number) { return this.#call<boolean>('setIfAbsent', [key, value, ttlMs]); }
  expire(key: string, ttlMs: number) { return this.#call<boolean>('expire', [key, ttlMs]); }
  publish(channel: string, message: string) { return this.#call<void>('publish', [channel, message]); }
  subscribe(channel: string, onMessage: (message: string) => void) { return this.#listeners.add(channel, onMessage); }
}

export { MemoryStore };
