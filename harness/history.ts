// One record per operation, in Jepsen's vocabulary: an operation is invoked and then completes as
// `ok` (acknowledged: a 2xx answer), `fail` (definitely not done: a 4xx answer) or `info`
// (indeterminate: the connection broke, the request timed out, or a 5xx answer; it may or may not
// have taken effect).
export type Outcome = 'ok' | 'fail' | 'info';

export interface Op {
  /** Position in invocation order. */
  index: number;
  op: string;
  user?: string;
  /** The value sent. */
  value?: unknown;
  /** The value seen in the answer (only for `ok`). */
  seen?: unknown;
  /** What a correct answer would be, when the scenario knows it. */
  expected?: unknown;
  status: number | null;
  outcome: Outcome;
  /** The worker that answered (`x-worker-id`), null when nothing answered. */
  worker: string | null;
  /** Milliseconds since the run began. */
  invoke: number;
  /** Milliseconds since the run began; null when the operation never completed (`info`). */
  complete: number | null;
  error?: string;
  /** The scenario expected a 4xx here (see RequestSpec.expectFail). */
  expectFail?: true;
  /** Done from outside the app (another program writing the data), not an HTTP request. */
  outside?: true;
}

export type History = readonly Op[];

export const isOk = (op: Op): boolean => op.outcome === 'ok';

/** Completion time for ordering: an operation that never completed might take effect at any time. */
export const completedBy = (op: Op): number => op.complete ?? Number.POSITIVE_INFINITY;

/** Requests answered by each worker, over the whole history; answers that name no worker (an app without a worker header) as "unknown". */
export function spreadOf(history: History): Record<string, number> {
  const spread: Record<string, number> = {};
  for (const op of history) {
    const worker = op.worker ?? (op.status === null ? null : 'unknown');
    if (worker !== null) spread[worker] = (spread[worker] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(spread).sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true })));
}

/** The outcome a response status stands for. */
export function outcomeOf(status: number): Outcome {
  if (status >= 200 && status < 300) return 'ok';
  if (status >= 400 && status < 500) return 'fail';
  return 'info';
}

/** `1234` → `1,234`, for examples that people read. */
export const n = (value: number): string => value.toLocaleString('en-US');
