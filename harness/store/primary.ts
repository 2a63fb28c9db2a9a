// The `primary` backend: the cluster primary holds a MemoryStore and workers send it operations
// over the cluster's IPC channel, each with a request id so that answers find their caller.
// (Seed 003's answer builds the same thing from Python's multiprocessing managers.)
import type { Worker } from 'node:cluster';
import { MemoryStore } from './memory.js';
import { invalidCall, STORE_OPS, type SharedStore, type StoreOp } from './types.js';

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
  const method = store[message.op as StoreOp] as (...a: unknown[]) => Promise<unknown>;
  method.apply(store, args).then(
    (value) => reply({ ok: true, value }),
    (error: unknown) => reply({ ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
  return true;
}

/** The worker's side: a SharedStore whose every call is one IPC round trip to the primary. */
export function connectPrimaryStore(): SharedStore {
  const send = process.send?.bind(process);
  if (!send) throw new Error('the primary store is only reachable from a cluster worker');
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  process.on('message', (message: unknown) => {
    if (!isReply(message)) return;
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.ok) waiter.resolve(message.value);
    else waiter.reject(new Error(`store: ${message.error}`));
  });
  const call = (op: StoreOp, args: unknown[]): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      send({ wsl: 'store', id, op, args });
    });
  const client = Object.fromEntries(
    Object.keys(STORE_OPS).map((op) => [op, (...args: unknown[]) => call(op as StoreOp, args)]),
  );
  return client as unknown as SharedStore;
}

export { MemoryStore };
