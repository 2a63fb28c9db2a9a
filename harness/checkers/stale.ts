// Stale reads of a single value (a register) that is overwritten now and then: a read must not return
// a value that had certainly been replaced before the read began. "Certainly replaced" means another
// write was acknowledged before the read began, and that write itself began after the write of the
// value read had completed (so no order of concurrent writes could make the read's value the latest).
// The staleness of a stale read is how long before it began the replacing write was acknowledged.
// History ops: `write` with `value` (done from outside the app, or through it); `read` with `seen`.
// A value that no write in the history produced is the initial value, written before everything.
import type { CheckResult } from '../contract.js';
import { completedBy, n, type History, type Op } from '../history.js';
import { finish, maxOf, onePerWorker, unknown } from './result.js';

export function staleChecker(history: History): CheckResult {
  const writes = history.filter((op) => op.op === 'write' && op.outcome !== 'fail');
  const acked = writes.filter((op) => op.outcome === 'ok' && op.complete !== null).sort((a, b) => a.complete! - b.complete!);
  const reads = history.filter((op) => op.op === 'read' && op.outcome === 'ok' && op.seen !== undefined);
  const judged = reads.filter((r) => acked.some((w) => w.complete! < r.invoke));
  const counts: Record<string, number> = { writes: acked.length, reads: reads.length, readsAfterWrite: judged.length };
  if (acked.length === 0) return unknown(counts, 'no write was acknowledged, so there is nothing to judge');
  if (judged.length === 0) return unknown(counts, 'no read began after a write was acknowledged, so there is nothing to judge');

  /** When the value was last written for sure: the latest completion among its writes (-∞ for the initial value). */
  const writtenBy = (value: unknown): number => {
    const own = writes.filter((w) => w.value === value);
    return own.length === 0 ? Number.NEGATIVE_INFINITY : maxOf(own.map(completedBy), Number.NEGATIVE_INFINITY);
  };

  const stale: Array<{ op: Op; replacedBy: Op; stalenessMs: number }> = [];
  for (const read of judged) {
    const written = writtenBy(read.seen);
    // The first acknowledged write that began after the seen value was written, and ended before the read began.
    const replacedBy = acked.find((w) => w.value !== read.seen && w.invoke > written && w.complete! < read.invoke);
    if (replacedBy) stale.push({ op: read, replacedBy, stalenessMs: Math.round(read.invoke - replacedBy.complete!) });
  }
  counts.stale = stale.length;
  counts.worstStalenessMs = maxOf(stale.map((s) => s.stalenessMs));
  counts.staleWorkers = new Set(stale.map((s) => s.op.worker)).size;
  const newest = (before: number): unknown => acked.filter((w) => w.complete! < before).at(-1)?.value;
  const examples = onePerWorker([...stale].sort((a, b) => b.stalenessMs - a.stalenessMs))
    .map(({ op, replacedBy, stalenessMs }) => {
      const latest = newest(op.invoke);
      const now = latest === replacedBy.value ? '' : ` (now ${String(latest)})`;
      return `read on worker ${op.worker} saw version ${String(op.seen)}, ${n(stalenessMs)} ms after version ${String(replacedBy.value)}${now} was written`;
    });
  return finish({ stale: stale.length > 0 }, counts, examples);
}
