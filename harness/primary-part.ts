// A variant's part in its host's cluster primary (contract.ts, PrimaryPart): the worker's side
// (askPrimary, one IPC round trip) and the primary's side (load the part once, answer questions).
// The messages are tagged `wsl` like every other message of the harness, so that a library's own
// IPC on the same channel (prom-client's `{type: 'prom-client:...'}`) and ours ignore each other.
import type { Worker } from 'node:cluster';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HostConfig } from './cluster-protocol.js';
import type { PrimaryAnswer, PrimaryPart } from './contract.js';
import { PROJECT_ROOT, sourcePathOf } from './runtime.js';

const ASK = 'primary:ask';
const ANSWER = 'primary:answer';
/** A worker loaded a variant module with a `primary` export: the primary sets the part up now, before any question. */
const LOAD = 'primary:load';
/** As long as a store operation may take (STORE_TIMEOUT_MS): a question unanswered for this long fails its request. */
export const ASK_TIMEOUT_MS = 5000;

interface Ask { wsl: typeof ASK; id: number; question: unknown }
interface Answer { wsl: typeof ANSWER; id: number; ok: boolean; value?: unknown; error?: string }
const tagged = <T>(m: unknown, wsl: string): m is T => typeof m === 'object' && m !== null && (m as { wsl?: unknown }).wsl === wsl;

/** Sent by a worker once it has imported its variant: a module with a primary part has it set up at once. */
export function announcePrimaryPart(module: { primary?: unknown }, send: (message: unknown) => void): void {
  if (typeof module.primary === 'function') send({ wsl: LOAD });
}

/** The worker's askPrimary: sends the question to this worker's primary and waits for its answer. */
export function primaryAsker(send: (message: unknown) => void, onMessage: (listener: (message: unknown) => void) => void): (question: unknown) => Promise<unknown> {
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  onMessage((message) => {
    if (!tagged<Answer>(message, ANSWER)) return;
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    clearTimeout(waiter.timer);
    if (message.ok) waiter.resolve(message.value);
    else waiter.reject(new Error(`primary: ${message.error}`));
  });
  return (question) => new Promise((resolve, reject) => {
    const id = nextId++;
    const timer = setTimeout(() => {
      pending.delete(id);
      reject(new Error(`primary: no answer within ${ASK_TIMEOUT_MS / 1000} s`));
    }, ASK_TIMEOUT_MS);
    pending.set(id, { resolve, reject, timer });
    send({ wsl: ASK, id, question } satisfies Ask);
  });
}

/** The primary's side: imports the variant's module when a worker reports a part (or at the first question), runs the part once, answers. */
export class PrimaryPartHost {
  #answer: Promise<PrimaryAnswer> | undefined;

  constructor(private readonly config: HostConfig) {}

  #load(): Promise<PrimaryAnswer> {
    this.#answer ??= import(this.config.variantModule).then((module: { primary?: unknown }) => {
      if (typeof module.primary !== 'function') {
        const source = relative(PROJECT_ROOT, sourcePathOf(fileURLToPath(this.config.variantModule))).replace(/\.js$/, '.ts');
        throw new Error(`${source} exports no \`primary\` (definePrimaryPart), so there is nobody to ask`);
      }
      const { host, hosts, dataDir } = this.config;
      return (module.primary as PrimaryPart)({ host, hosts, dataDir });
    });
    return this.#answer;
  }

  /** Answers the message if it is a worker's question; false for any other message. Never throws. */
  handle(worker: Worker, message: unknown): boolean {
    if (tagged<{ wsl: typeof LOAD }>(message, LOAD)) {
      // A part that fails to set up says so to the first question that needs it.
      this.#load().catch(() => { /* reported by handle() to the asker */ });
      return true;
    }
    if (!tagged<Ask>(message, ASK)) return false;
    const reply = (r: Omit<Answer, 'wsl' | 'id'>): void => {
      if (worker.isConnected()) worker.send({ wsl: ANSWER, id: message.id, ...r } satisfies Answer, () => { /* a worker that left cannot be answered */ });
    };
    this.#load()
      .then(async (answer) => answer(message.question))
      .then((value) => reply({ ok: true, value }), (error: unknown) => reply({ ok: false, error: error instanceof Error ? error.message : String(error) }));
    return true;
  }
}
