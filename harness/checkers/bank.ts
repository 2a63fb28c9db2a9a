// A bank's invariants, after Jepsen's bank test and its counter checker:
//  - money is neither created nor destroyed: deposits add it, transfers only move it. A read is one
//    atomic snapshot of every balance (the app reads them in one store operation), so it must add up
//    to what was deposited at every instant, also while transfers are running: a transfer is atomic,
//    never half done. A sum below is money destroyed, a sum above is money created: a transfer whose
//    effect was overwritten, or one seen half applied (a debit without its credit), so both are
//    `lost`. An indeterminate transfer (no answer) may have happened or not, but never half: it does
//    not excuse a wrong sum.
//  - every account is a counter that deposits and incoming transfers raise and outgoing ones lower. A
//    read must lie between the bounds the operations imply: those acknowledged before the read began
//    count for sure; those that overlapped it or never answered may count or not (the lower bound
//    takes their debits, the upper their credits); those invoked after it ended cannot count. A
//    balance outside its bounds is `lost` too: it catches lost updates that happen to cancel out in
//    the sum (alice→bob and bob→alice at once, each overwriting the other).
// History ops: `deposit` with `value` {account, amount}; `transfer` with `value` {from, to, amount};
// `read` with `seen` {account: balance}. Failed (4xx) operations did nothing and are ignored.
import type { CheckResult } from '../contract.js';
import { completedBy, n, type History, type Op } from '../history.js';
import { finish, groupBy, maxOf, onePerWorker, unknown } from './result.js';

interface Movement { op: Op; account: string; delta: number }
type Balances = Record<string, number>;

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const amountOf = (op: Op): number => (isRecord(op.value) && typeof op.value.amount === 'number' ? op.value.amount : 0);

/** What an operation does to each account it touches. */
function movementsOf(op: Op): Movement[] {
  if (!isRecord(op.value)) return [];
  const { account, from, to } = op.value;
  const amount = amountOf(op);
  if (op.op === 'deposit' && typeof account === 'string') return [{ op, account, delta: amount }];
  if (op.op === 'transfer' && typeof from === 'string' && typeof to === 'string') return [{ op, account: from, delta: -amount }, { op, account: to, delta: amount }];
  return [];
}

const isBalances = (x: unknown): x is Balances => isRecord(x) && Object.values(x).every((v) => typeof v === 'number');
const sumOf = (balances: Balances): number => Object.values(balances).reduce((s, v) => s + v, 0);
/** Both operations were running at some common moment. */
const overlap = (a: Op, b: Op): boolean => a.invoke < completedBy(b) && b.invoke < completedBy(a);

/** The balances `account` may show in `read`: every movement acknowledged before it, and any that may have happened. */
function boundsOf(movements: Movement[], read: Op): { low: number; high: number } {
  let low = 0;
  let high = 0;
  for (const { op, delta } of movements) {
    if (op.outcome === 'ok' && op.complete! < read.invoke) {
      low += delta;
      high += delta;
    } else if (op.invoke < completedBy(read)) {
      low += Math.min(0, delta);
      high += Math.max(0, delta);
    }
  }
  return { low, high };
}

interface OffBalance { op: Op; account: string; seen: number; low: number; high: number }
/** How far a balance lies outside its bounds. */
const offBy = (o: OffBalance): number => Math.max(o.low - o.seen, o.seen - o.high);

/**
 * Worst first, and each wrong answer once: every read of a shared store sees the same final
 * balances, and eight workers reading the same wrong total teach nothing seven times.
 */
function distinctWorstFirst<T>(items: T[], distance: (x: T) => number, answer: (x: T) => string): T[] {
  const shown = new Set<string>();
  return [...items].sort((a, b) => distance(b) - distance(a)).filter((x) => {
    if (shown.has(answer(x))) return false;
    shown.add(answer(x));
    return true;
  });
}

export function bankChecker(history: History): CheckResult {
  const changes = history.filter((op) => (op.op === 'deposit' || op.op === 'transfer') && op.outcome !== 'fail');
  const deposits = changes.filter((op) => op.op === 'deposit');
  const transfers = changes.filter((op) => op.op === 'transfer');
  const ackedTransfers = transfers.filter((op) => op.outcome === 'ok');
  const reads = history.filter((op) => op.op === 'read' && op.outcome === 'ok' && isBalances(op.seen));
  const byAccount = new Map<string, Movement[]>();
  for (const [account, movements] of groupBy(changes.flatMap(movementsOf), (m) => m.account)) byAccount.set(account, movements);
  const counts: Record<string, number> = {
    accounts: byAccount.size,
    deposited: deposits.filter((op) => op.outcome === 'ok').reduce((s, op) => s + amountOf(op), 0),
    transfers: transfers.length,
    acknowledged: ackedTransfers.length,
    indeterminate: transfers.filter((op) => op.outcome === 'info').length,
    reads: reads.length,
  };
  if (deposits.every((op) => op.outcome !== 'ok')) return unknown(counts, 'no deposit was acknowledged, so there is no money to follow');
  if (ackedTransfers.length === 0) return unknown(counts, 'no transfer was acknowledged, so there is nothing to judge');
  if (reads.length === 0) return unknown(counts, 'no read succeeded, so there is nothing to judge');

  // The sum, in every read: a snapshot shows whole transfers only, so transfers running during the
  // read do not change its total. Deposits may overlap; their bounds say how much money there may be.
  const wrongTotals: Array<{ op: Op; seen: number; bound: number }> = [];
  const deposited = deposits.flatMap(movementsOf);
  for (const read of reads) {
    const seen = sumOf(read.seen as Balances);
    const { low, high } = boundsOf(deposited, read);
    if (seen < low) wrongTotals.push({ op: read, seen, bound: low });
    else if (seen > high) wrongTotals.push({ op: read, seen, bound: high });
  }
  // Every account, in every read.
  const offBalances: OffBalance[] = [];
  for (const read of reads) {
    const seen = read.seen as Balances;
    for (const [account, movements] of byAccount) {
      const balance = seen[account] ?? 0;
      const { low, high } = boundsOf(movements, read);
      if (balance < low || balance > high) offBalances.push({ op: read, account, seen: balance, low, high });
    }
  }
  counts.judgedTotals = reads.length;
  // Reads taken while an acknowledged transfer was running: where a transfer done in two steps shows.
  counts.readsDuringTransfers = reads.filter((read) => ackedTransfers.some((t) => overlap(t, read))).length;
  counts.wrongTotals = wrongTotals.length;
  counts.destroyed = Math.max(0, maxOf(wrongTotals.map((w) => w.bound - w.seen)));
  counts.created = Math.max(0, maxOf(wrongTotals.map((w) => w.seen - w.bound)));
  counts.offBalances = offBalances.length;
  counts.worstOff = Math.max(0, maxOf(offBalances.map(offBy)));
  // Reads that show a lost update, by their sum or by one of their balances.
  counts.lost = new Set([...wrongTotals, ...offBalances].map((x) => x.op)).size;

  const totalExamples = onePerWorker(distinctWorstFirst(wrongTotals, (w) => Math.abs(w.seen - w.bound), (w) => String(w.seen)), 2)
    .map(({ op, seen, bound }) => `read on worker ${op.worker} saw ${n(seen)} in all accounts, but ${n(bound)} were deposited: ` +
      (seen < bound ? `${n(bound - seen)} vanished` : `${n(seen - bound)} appeared from nowhere`));
  const balanceExamples = onePerWorker(distinctWorstFirst(offBalances, offBy, (o) => `${o.account}=${o.seen}`), 1)
    .map(({ op, account, seen, low, high }) =>
      `read on worker ${op.worker} saw ${account} at ${n(seen)}, but the acknowledged deposits and transfers leave ${account} ` +
      (low === high ? n(low) : `${n(low)} to ${n(high)}`));
  return finish({ lost: wrongTotals.length + offBalances.length > 0 }, counts, [...totalExamples, ...balanceExamples]);
}
