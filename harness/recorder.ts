// The history as it is written: one Op per request, invoked, then answered (or never). Also what a
// recorded request sends and how its answer's headers reach the scenario's `seen`.
import { performance } from 'node:perf_hooks';
import { WORKER_HEADER } from './cluster-protocol.js';
import type { RequestSpec } from './contract.js';
import { outcomeOf, type Op } from './history.js';

export class Recorder {
  readonly ops: Op[] = [];
  readonly #t0 = performance.now();
  /**
   * The header that names the worker: the shell's `x-worker-id`, or the one a command variant's app
   * sets (its PID); null when the app names none (its answers then count as worker "unknown").
   */
  constructor(readonly workerHeader: string | null = WORKER_HEADER) {}
  now(): number { return Math.round((performance.now() - this.#t0) * 1000) / 1000; }

  invoke(spec: Pick<RequestSpec, 'op' | 'user' | 'value' | 'expected' | 'expectFail'>): Op {
    const op: Op = { index: this.ops.length, op: spec.op, status: null, outcome: 'info', worker: null, invoke: this.now(), complete: null };
    if (spec.user !== undefined) op.user = spec.user;
    if (spec.value !== undefined) op.value = spec.value;
    if (spec.expected !== undefined) op.expected = spec.expected;
    if (spec.expectFail) op.expectFail = true;
    this.ops.push(op);
    return op;
  }

  /** `headers` as the client got them: autocannon keeps the server's spelling, Node's client lower-cases. */
  answer(op: Op, spec: RequestSpec, status: number, body: string, headers: Record<string, unknown>): void {
    op.complete = this.now();
    op.status = status;
    // The shell sets this header in lower case, so both clients have it under this name (a command
    // variant's app may not: its header is looked up in any case).
    op.worker = this.workerHeader === null ? null
      : headerValue(headers, this.workerHeader) ?? (this.workerHeader === WORKER_HEADER ? null : anyCase(headers, this.workerHeader)) ?? null;
    op.outcome = outcomeOf(status);
    if (op.outcome !== 'ok') {
      op.error = body.slice(0, 200);
      return;
    }
    try {
      const parsed: unknown = body === '' ? undefined : JSON.parse(body);
      op.seen = spec.seen ? spec.seen(parsed, lowerCasedOnDemand(headers)) : parsed;
    } catch (err) {
      op.outcome = 'info';
      op.error = `unreadable answer: ${err instanceof Error ? err.message : String(err)}`;
    }
  }

  /** The request never got an answer: refused connections certainly did nothing, anything else may have. */
  noAnswer(op: Op, error: string, refused: boolean): void {
    op.error = error;
    if (refused) {
      op.outcome = 'fail';
      op.complete = this.now();
    }
  }
}

export const jsonHeaders = (spec: RequestSpec): Record<string, string> =>
  spec.body === undefined ? { ...spec.headers } : { 'content-type': 'application/json', ...spec.headers };

type Headers = Record<string, string | string[] | undefined>;

/** A header whatever the server's spelling of its name (`X-Worker-Pid` from Flask, say). */
const anyCase = (headers: Record<string, unknown>, name: string): string | undefined => {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headerValue(headers, key);
};

const headerValue = (headers: Record<string, unknown>, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? String(value[0]) : value === undefined ? undefined : String(value);
};

/** autocannon hands over headers as the server spelled them; Node's client, in lower case. */
const lowerCaseKeys = (headers: Record<string, unknown>): Headers =>
  Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.map(String) : v === undefined ? undefined : String(v)]));

/**
 * The headers as `seen` is promised them, with lower-case names; built only when `seen` looks at
 * them, since lower-casing every response's headers costs the load a few per cent.
 */
function lowerCasedOnDemand(headers: Record<string, unknown>): Headers {
  let lower: Headers | undefined;
  const all = (): Headers => (lower ??= lowerCaseKeys(headers));
  return new Proxy({} as Headers, {
    get: (_target, name) => (typeof name === 'string' ? all()[name] : undefined),
    has: (_target, name) => typeof name === 'string' && Object.hasOwn(all(), name),
    ownKeys: () => Reflect.ownKeys(all()),
    getOwnPropertyDescriptor: (_target, name) =>
      typeof name === 'string' && Object.hasOwn(all(), name) ? { value: all()[name], enumerable: true, configurable: true, writable: false } : undefined,
  });
}

