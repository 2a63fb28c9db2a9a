// Effects that must happen once, after Jepsen's set-full checker: each `due` operation names an
// effect (a tick of a scheduled job, an idempotency key, an order) by its key, and one final read
// lists every effect that happened, a key once per time it happened.
//   duplicated = an effect happened more often than its operations allow: twice or more, or at all
//                when every operation that asked for it was refused (a 4xx: definitely not done);
//   lost       = an acknowledged effect (a `due` op that is ok, and completed before the final read
//                began) did not happen at all.
// Indeterminate operations are judged honestly: an effect asked for only by `info` operations (no
// answer; a runner that died while it ran) may be missing, but never doubled. Several operations may
// ask for one key (a retried request): one ok among them makes it required; allowed is at most once.
// Effects of keys that no operation asked for are not judged (counted as `unasked`).
// History ops: `due` with `value` = the key; `effects` (ok) with `seen` = the keys that happened; the
// last such read is judged, as Jepsen's final read is.
import type { CheckResult } from '../contract.js';
import { n, type History, type Op } from '../history.js';
import { finish, groupBy, unknown } from './result.js';

/** How often an effect happened, and what its operations allow. */
interface Judged { key: string; times: number; allowed: number; ops: Op[] }

const where = (ops: Op[]): string => {
  const workers = [...new Set(ops.map((o) => o.worker).filter((w) => w !== null))].sort((a, b) => a!.localeCompare(b!, 'en', { numeric: true }));
  return workers.length ? `; due on worker${workers.length > 1 ? 's' : ''} ${workers.join(', ')}` : '';
};
const twice = ({ key, times, allowed, ops }: Judged): string =>
  `${key} happened ${times === 1 ? 'once' : `${n(times)} times`}, ${allowed === 0 ? 'and every request for it was refused' : 'where once was due'}${where(ops)}`;
const never = ({ key, ops }: Judged): string => `${key} was due, and never happened${where(ops)}`;

export function duplicatedChecker(history: History): CheckResult {
  const due = history.filter((op) => op.op === 'due' && op.value !== undefined);
  const reads = history.filter((op) => op.op === 'effects' && op.outcome === 'ok' && Array.isArray(op.seen));
  const counts: Record<string, number> = {
    due: new Set(due.map((op) => String(op.value))).size,
    required: 0,
    happened: 0,
    duplicated: 0,
    extra: 0,
    lost: 0,
    indeterminate: 0,
    unasked: 0,
  };
  if (due.length === 0) return unknown(counts, 'no effect was due, so there is nothing to judge');
  const final = reads.at(-1);
  if (!final) return unknown(counts, 'no read of the effects succeeded, so there is nothing to judge');

  const times = new Map<string, number>();
  for (const key of (final.seen as unknown[]).map(String)) times.set(key, (times.get(key) ?? 0) + 1);
  const duplicated: Judged[] = [];
  const lost: Judged[] = [];
  for (const [key, ops] of groupBy(due, (op) => String(op.value))) {
    const happened = times.get(key) ?? 0;
    // Required: acknowledged before the final read began (one acknowledged later may not show yet).
    const required = ops.some((o) => o.outcome === 'ok' && o.complete !== null && o.complete < final.invoke);
    const allowed = ops.every((o) => o.outcome === 'fail') ? 0 : 1;
    if (required) counts.required!++;
    else if (allowed > 0) counts.indeterminate!++;
    if (happened > 0) counts.happened!++;
    if (happened > allowed) {
      duplicated.push({ key, times: happened, allowed, ops });
      counts.extra! += happened - allowed;
    } else if (required && happened === 0) {
      lost.push({ key, times: 0, allowed, ops });
    }
  }
  const asked = new Set(due.map((op) => String(op.value)));
  counts.unasked = [...times.keys()].filter((key) => !asked.has(key)).length;
  counts.duplicated = duplicated.length;
  counts.lost = lost.length;
  const examples = [...duplicated.slice(0, 3).map(twice), ...lost.slice(0, 3).map(never)];
  return finish({ duplicated: duplicated.length > 0, lost: lost.length > 0 }, counts, examples);
}
