// Hand-made histories for checker tests: `op('incr', 0, 5)` is an increment invoked at t=0 and
// acknowledged at t=5.
import type { Op, Outcome } from '../../harness/history.js';

let index = 0;

export function op(name: string, invoke: number, complete: number | null, fields: Partial<Op> = {}): Op {
  const outcome: Outcome = fields.outcome ?? (complete === null ? 'info' : 'ok');
  return { index: index++, op: name, status: outcome === 'ok' ? 200 : null, outcome, worker: '1', invoke, complete, ...fields };
}

/** `count` increments of 1, one per millisecond from `from`, each taking 1 ms, on the given workers in turn. */
export function increments(count: number, from = 0, workers = ['1']): Op[] {
  return Array.from({ length: count }, (_, i) => op('incr', from + i, from + i + 1, { value: 1, worker: workers[i % workers.length]! }));
}

export const read = (invoke: number, complete: number, seen: unknown, worker = '1'): Op => op('read', invoke, complete, { seen, worker });
