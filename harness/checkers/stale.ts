// Stale reads of a single value that is overwritten with increasing versions: a read that began
// after a write was acknowledged must return that version or a newer one. The staleness of a
// stale read is how long before it began a newer version had been acknowledged.
// History ops: `write` with `value` = the version written (done from outside the app, or through
// it); `read` with `seen` = the version returned.
import type { CheckResult } from '../contract.js';
import { n, type History, type Op } from '../history.js';
import { finish, onePerWorker, unknown } from './result.js';

export function staleChecker(history: History): CheckResult {
  const writes = history
    .filter((op) => op.op === 'write' && op.outcome === 'ok' && typeof op.value === 'number' && op.complete !== null)
    .sort((a, b) => a.complete! - b.complete!);
  const reads = history.filter((op) => op.op === 'read' && op.outcome === 'ok' && typeof op.seen === 'number');
  /** The writes acknowledged before `t`, oldest first. */
  const acknowledgedBefore = (t: number) => writes.filter((w) => w.complete! < t);
  const judged = reads.filter((r) => acknowledgedBefore(r.invoke).length > 0);
  const counts: Record<string, number> = { writes: writes.length, reads: reads.length, readsAfterWrite: judged.length };
  if (writes.length === 0) return unknown(counts, 'no write was acknowledged, so there is nothing to judge');
  if (judged.length === 0) return unknown(counts, 'no read began after a write was acknowledged, so there is nothing to judge');

  const stale: Array<{ op: Op; seen: number; newest: number; stalenessMs: number }> = [];
  for (const read of judged) {
    const before = acknowledgedBefore(read.invoke);
    const newest = Math.max(...before.map((w) => w.value as number));
    const seen = read.seen as number;
    if (seen >= newest) continue;
    // The first acknowledged write that made `seen` out of date.
    const superseded = before.find((w) => (w.value as number) > seen)!;
    stale.push({ op: read, seen, newest, stalenessMs: Math.round(read.invoke - superseded.complete!) });
  }
  counts.stale = stale.length;
  counts.worstStalenessMs = Math.max(0, ...stale.map((s) => s.stalenessMs));
  counts.staleWorkers = new Set(stale.map((s) => s.op.worker)).size;
  const examples = onePerWorker([...stale].sort((a, b) => b.stalenessMs - a.stalenessMs))
    .map(({ op, seen, newest, stalenessMs }) => `read on worker ${op.worker} saw version ${seen}, ${n(stalenessMs)} ms after version ${newest > seen + 1 ? `${seen + 1} (now ${newest})` : newest} was written`);
  return finish({ stale: stale.length > 0 }, counts, examples);
}
