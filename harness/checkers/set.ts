// Set semantics per user, after Jepsen's `set` checker: every user adds items to their own set and
// reads it back.
//   lost   = an acknowledged add of a user is missing from a read by that user that began after
//            the add completed;
//   leaked = a user's read contains an item that only another user added (or that nobody added).
// An add whose answer carries a list (`seen` is an array: the user's list after the add) is judged
// as a read too, one that must also show the item it just added (read your own write): an app that
// answers 201 before the store applied the add shows it there first, and a slow store makes it
// certain. An answer that carries no list is not judged.
// An indeterminate add (no answer) may or may not show up: neither lost nor leaked for its owner.
// History ops: `add` with `user` and `value` = the item; `read` with `user` and `seen` = the items.
import type { CheckResult } from '../contract.js';
import { n, type History, type Op } from '../history.js';
import { finish, groupBy, onePerWorker, unknown, workersOf } from './result.js';


export function setChecker(history: History): CheckResult {
  const adds = history.filter((op) => op.op === 'add' && op.user !== undefined);
  const acked = adds.filter((op) => op.outcome === 'ok');
  const reads = history.filter((op) => op.op === 'read' && op.user !== undefined && op.outcome === 'ok' && Array.isArray(op.seen));
  const counts: Record<string, number> = {
    users: new Set(adds.map((op) => op.user)).size,
    attempted: adds.filter((op) => op.outcome !== 'fail').length,
    acknowledged: acked.length,
    reads: reads.length,
  };
  if (acked.length === 0) return unknown(counts, 'no add was acknowledged, so there is nothing to judge');
  if (reads.length === 0) return unknown(counts, 'no read succeeded, so there is nothing to judge');

  // Who asked to add each item (ok or indeterminate: a failed add put nothing anywhere). Two users may
  // add the same item ("milk"): it is then theirs, each in their own set.
  const owners = new Map<string, Set<string>>();
  for (const add of adds) {
    if (add.outcome !== 'fail') owners.set(String(add.value), (owners.get(String(add.value)) ?? new Set()).add(add.user!));
  }
  const isOwn = (user: string | undefined, item: string): boolean => owners.get(item)?.has(user!) ?? false;
  const ackedBy = new Map<string, Op[]>();
  for (const [user, adds] of groupBy(acked, (add) => add.user!)) ackedBy.set(user, adds);

  // Acknowledged adds whose own answer shows the user's list: each is also a read, begun at its invoke.
  const answers = acked.filter((op) => Array.isArray(op.seen));
  counts.answers = answers.length;
  const missedBy = new Map<Op, Op[]>(); // acknowledged add -> later reads by its owner that lack it
  const notInOwnAnswer: Op[] = []; // acknowledged adds whose own answer lacks the item
  const leaks: Array<{ op: Op; item: string; owners: string[] }> = [];
  const leakedItems = new Set<string>();
  let lostReads = 0;
  for (const read of [...reads, ...answers]) {
    const seen = new Set((read.seen as unknown[]).map(String));
    let missing = false;
    for (const add of ackedBy.get(read.user!) ?? []) {
      if (add.complete !== null && add.complete < read.invoke && !seen.has(String(add.value))) {
        const missed = missedBy.get(add);
        if (missed) missed.push(read);
        else missedBy.set(add, [read]);
        missing = true;
      }
    }
    if (read.op === 'add' && !seen.has(String(read.value))) {
      notInOwnAnswer.push(read);
      missing = true;
    }
    if (missing) lostReads++;
    for (const item of seen) {
      if (isOwn(read.user, item)) continue;
      if (!leakedItems.has(`${read.user}\0${item}`)) leaks.push({ op: read, item, owners: [...(owners.get(item) ?? [])] });
      leakedItems.add(`${read.user}\0${item}`);
    }
  }
  counts.lost = new Set([...missedBy.keys(), ...notInOwnAnswer]).size;
  counts.lostReads = lostReads;
  counts.notInOwnAnswer = notInOwnAnswer.length;
  counts.leaked = leakedItems.size;
  counts.leakedReads = [...reads, ...answers].filter((r) => (r.seen as unknown[]).some((i) => !isOwn(r.user, String(i)))).length;
  // Jepsen's `recovered`: indeterminate adds (no answer) that a read by their owner shows after all.
  const seenByOwner = new Set(reads.flatMap((r) => (r.seen as unknown[]).map((i) => `${r.user}\0${String(i)}`)));
  counts.indeterminate = adds.filter((a) => a.outcome === 'info').length;
  counts.recovered = adds.filter((a) => a.outcome === 'info' && seenByOwner.has(`${a.user}\0${String(a.value)}`)).length;

  const lostExamples = onePerWorker([...missedBy].map(([add, missed]) => ({ op: add, missed })))
    .map(({ op, missed }) => `user ${op.user} added item ${String(op.value)} on worker ${op.worker}; ${n(missed.length)} later read(s) by ${op.user} on worker(s) ${workersOf(missed)} do not show it`);
  const ownAnswerExamples = onePerWorker(notInOwnAnswer.map((op) => ({ op })))
    .map(({ op }) => `user ${op.user} added item ${String(op.value)} on worker ${op.worker}; the list in that same answer does not show it`);
  const leakExamples = onePerWorker(leaks)
    .map(({ op, item, owners: o }) => `user ${op.user}'s read on worker ${op.worker} showed item ${item}, which ${o.length === 0 ? 'nobody added' : `only ${o.join(' and ')} added`}`);
  // An add missing from its own answer says the most (the app acknowledged what it had not done yet): first.
  return finish({ lost: counts.lost > 0, leaked: leakedItems.size > 0 }, counts, [...ownAnswerExamples, ...lostExamples, ...leakExamples]);
}
