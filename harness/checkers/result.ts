// Building blocks every checker shares: how found anomalies become one verdict, and how examples are
// picked. Checkers stay pure functions of their history.
import { ANOMALY_ORDER, type Anomaly, type CheckResult } from '../contract.js';
import type { Op } from '../history.js';

/** `verdict` is the first anomaly in ANOMALY_ORDER that was found, `ok` when none was. */
export function finish(found: Partial<Record<Anomaly, boolean>>, counts: Record<string, number>, examples: string[]): CheckResult {
  const anomalies = ANOMALY_ORDER.filter((a) => found[a]);
  return { verdict: anomalies[0] ?? 'ok', anomalies, counts, examples };
}

/** Nothing to judge is never `ok`: an empty or failed run must not pass as "nothing lost". */
export function unknown(counts: Record<string, number>, why: string): CheckResult {
  return { verdict: 'unknown', anomalies: [], counts, examples: [why] };
}

/** The first item of each worker, at most `most`: seeing the bug on several workers is the lesson. */
export function onePerWorker<T extends { op: Op }>(items: T[], most = 3): T[] {
  const workers = new Set<string | null>();
  const picked: T[] = [];
  for (const item of items) {
    if (workers.has(item.op.worker)) continue;
    workers.add(item.op.worker);
    picked.push(item);
    if (picked.length === most) break;
  }
  return picked;
}

/**
 * The largest (smallest) of many numbers, or `empty` for none. Not `Math.max(...xs)`: spreading
 * more than ~120,000 arguments overflows the call stack, and histories can be that long.
 */
export const maxOf = (xs: readonly number[], empty = 0): number => (xs.length === 0 ? empty : xs.reduce((a, b) => (b > a ? b : a)));
export const minOf = (xs: readonly number[], empty = 0): number => (xs.length === 0 ? empty : xs.reduce((a, b) => (b < a ? b : a)));

/** Items grouped by a key, each group in history order; one pass, no copying (histories can be long). */
export function groupBy<T, K>(items: Iterable<T>, key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** The workers that served these operations, for examples: `1, 3, 4`. */
export const workersOf = (ops: readonly Op[]): string => [...new Set(ops.map((o) => o.worker))].sort().join(', ');
