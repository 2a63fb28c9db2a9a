// Jepsen's counter semantics (checker.clj `counter`): a read must lie between the increments that
// were acknowledged before it began (nothing acknowledged may be missing) and the increments that
// were attempted before it ended (ok or indeterminate: nothing may appear that nobody asked for).
//   below the lower bound -> `lost` (acknowledged increments missing from what the read saw)
//   above the upper bound -> `leaked` (the read saw increments that this run never attempted:
//                            state from elsewhere, a previous run, another key, got in)
// Reads may come before, during and after the increments: each is judged against its own bounds.
// An increment that answers with the count it made (`seen`) raises the lower bound of every read begun
// after that answer: a counter only grows, so a read may not show less than an earlier answer did.
// This bound still holds when some increments went unanswered (indeterminate) but were done, which
// hide a read's shortfall from the count of acknowledged ones.
// `lowestRead` and `highestRead` describe the reads after the load (begun once every increment was
// sent and every acknowledged one answered), where a correct counter shows exactly what was
// acknowledged; without such reads, all reads.
// History ops: `incr` with `value` = the amount added; `read` with `seen` = the number seen.
import type { CheckResult } from '../contract.js';
import { completedBy, n, type History, type Op } from '../history.js';
import { finish, maxOf, minOf, onePerWorker, unknown } from './result.js';

/** Sum (or, `max`, the largest) of `amount` over the events whose time is below (or up to) `t`, by binary search on sorted times. */
class Timeline {
  readonly #times: number[] = [];
  readonly #sums: number[] = [0];
  constructor(events: Array<{ t: number; amount: number }>, max = false) {
    for (const e of events.sort((a, b) => a.t - b.t)) {
      this.#times.push(e.t);
      this.#sums.push(max ? Math.max(this.#sums.at(-1)!, e.amount) : this.#sums.at(-1)! + e.amount);
    }
  }
  /** Total of the events strictly before `t` (or at `t` too, when `inclusive`). */
  before(t: number, inclusive = false): number {
    let lo = 0;
    let hi = this.#times.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.#times[mid]! < t || (inclusive && this.#times[mid] === t)) lo = mid + 1;
      else hi = mid;
    }
    return this.#sums[lo]!;
  }
}

const amountOf = (op: Op): number => (typeof op.value === 'number' ? op.value : 1);

export function counterChecker(history: History): CheckResult {
  const incrs = history.filter((op) => op.op === 'incr');
  const acked = incrs.filter((op) => op.outcome === 'ok');
  const attempted = incrs.filter((op) => op.outcome !== 'fail');
  const reads = history.filter((op) => op.op === 'read' && op.outcome === 'ok' && typeof op.seen === 'number');
  const acknowledged = acked.reduce((s, op) => s + amountOf(op), 0);
  const counts: Record<string, number> = {
    attempted: attempted.reduce((s, op) => s + amountOf(op), 0),
    acknowledged,
    indeterminate: incrs.filter((op) => op.outcome === 'info').length,
    reads: reads.length,
  };
  if (acked.length === 0) return unknown(counts, 'no increment was acknowledged, so there is nothing to judge');
  if (reads.length === 0) return unknown(counts, 'no read succeeded, so there is nothing to judge');

  const lower = new Timeline(acked.map((op) => ({ t: completedBy(op), amount: amountOf(op) })));
  const answered = new Timeline(acked.filter((op) => typeof op.seen === 'number').map((op) => ({ t: completedBy(op), amount: op.seen as number })), true);
  const upper = new Timeline(attempted.map((op) => ({ t: op.invoke, amount: amountOf(op) })));
  const low: Array<{ op: Op; bound: number; seen: number; byAnswer?: boolean }> = [];
  const high: Array<{ op: Op; bound: number; seen: number }> = [];
  for (const read of reads) {
    const seen = read.seen as number;
    const acknowledgedBefore = lower.before(read.invoke);
    const answeredBefore = answered.before(read.invoke);
    const min = Math.max(acknowledgedBefore, answeredBefore);
    const max = upper.before(completedBy(read), true);
    if (seen < min) low.push({ op: read, bound: min, seen, ...(answeredBefore > acknowledgedBefore && { byAnswer: true }) });
    else if (seen > max) high.push({ op: read, bound: max, seen });
  }
  // Reads during the load see any number between their bounds (0 at first): the lowest of those says
  // nothing. The reads after it say how much of the count survived.
  const settled = Math.max(maxOf(attempted.map((op) => op.invoke)), maxOf(acked.map(completedBy)));
  const after = reads.filter((r) => r.invoke > settled);
  counts.readsAfter = after.length;
  const seenValues = (after.length > 0 ? after : reads).map((r) => r.seen as number);
  counts.lowestRead = minOf(seenValues);
  counts.highestRead = maxOf(seenValues);
  // The largest deficit of any read: for reads after the load, acknowledged − lowest read.
  counts.lost = Math.max(0, maxOf(low.map((r) => r.bound - r.seen)));
  counts.lowReads = low.length;
  counts.overcounted = Math.max(0, maxOf(high.map((r) => r.seen - r.bound)));
  counts.highReads = high.length;

  // The largest deficit first; of equal ones, the later read (the one after the load, with the whole count as its bound).
  const worstFirst = <T extends { bound: number; seen: number }>(xs: T[]) =>
    [...xs].sort((a, b) => Math.abs(b.bound - b.seen) - Math.abs(a.bound - a.seen) || b.bound - a.bound);
  const examples = [
    ...onePerWorker(worstFirst(low)).map(({ op, bound, seen, byAnswer }) => byAnswer
      ? `read on worker ${op.worker ?? 'unknown'} saw ${n(seen)}, but an increment answered before it began had made the count ${n(bound)}`
      : `read on worker ${op.worker ?? 'unknown'} saw ${n(seen)} after ${n(bound)} increments were acknowledged`),
    ...onePerWorker(worstFirst(high)).map(({ op, bound, seen }) =>
      `read on worker ${op.worker ?? 'unknown'} saw ${n(seen)}, but only ${n(bound)} increments had been attempted`),
  ];
  return finish({ lost: low.length > 0, leaked: high.length > 0 }, counts, examples);
}
