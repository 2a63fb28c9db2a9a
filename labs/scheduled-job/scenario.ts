// Visits while the schedule runs (the load, where a fault strikes: a worker killed or retired), the
// harness's probe on every worker once the cluster is whole again, a wait until the next tick has
// passed and its digest has had time to go out, then one read of the mail server's log. The probe is
// not a request the app counts: with --restart-every no worker can reach its share (and retire, and
// linger while its replacement starts) between the barrier and the judged tick.
//
// What is judged: every tick that some worker was alive for (its clock witness wrote `due`) between
// the first visit and the read, less SETTLE_MS, must have sent its digest exactly once. A tick whose
// witness vanished right after it (a worker killed, or retired, while it may have been sending) is
// indeterminate: its digest may be missing, never doubled. One tick is enough to judge: the cells
// stay short (a tick per second is node-cron's finest), and every bug shows on each tick.
import { setTimeout as sleep } from 'node:timers/promises';
import { HEAP_PATH } from '../../harness/app-shell.js';
import { duplicatedChecker } from '../../harness/checkers/duplicated.js';
import { minOf } from '../../harness/checkers/result.js';
import type { CheckResult, RequestSpec, Scenario, ScenarioParams } from '../../harness/contract.js';
import type { History, Op } from '../../harness/history.js';
import type { Outbox } from './outbox.js';

/** Time a tick's digest has to go out (a lease through a slow store, the append) before the log is read. */
export const SETTLE_MS = 200;
const TICK_MS = 1000;

const visit = (): RequestSpec => ({ op: 'visit', path: '/next', seen: (body: { now?: unknown }) => body.now });

export function scheduledJobScenario({ requests, connections, workers, hosts }: ScenarioParams): Scenario {
  return {
    steps: [
      { kind: 'load', label: 'visits while the schedule runs', amount: requests, connections, request: visit },
      { kind: 'fresh', label: "the harness's probe on every worker, the cluster whole again", count: workers * hosts, request: () => ({ op: 'probe', path: HEAP_PATH }) },
      {
        kind: 'outside',
        label: 'the next tick passes, and its digest goes out',
        op: 'wait',
        value: 'the next tick',
        run: () => sleep(TICK_MS - (Date.now() % TICK_MS) + SETTLE_MS + 20),
      },
      { kind: 'fresh', label: "read the mail server's log", count: 1, request: () => ({ op: 'outbox', path: '/outbox' }) },
    ],
  };
}

const at = (ms: number): string => new Date(ms).toISOString().slice(11, 19);

/**
 * The history as the duplicated checker reads it: a `due` op per tick and witness (indeterminate when
 * a witness of that tick vanished before the next one), and the digests sent as one `effects` read.
 */
export function digestHistory(history: History): Op[] {
  const from = minOf(history.filter((op) => op.op === 'visit' && typeof op.seen === 'number').map((op) => op.seen as number), Infinity);
  const read = history.filter((op) => op.op === 'outbox' && op.outcome === 'ok').at(-1);
  const outbox = read?.seen as Outbox | undefined;
  if (!read || !outbox || !Number.isFinite(from)) return [...history];
  const until = outbox.now - SETTLE_MS;
  const witnesses = new Map<number, Set<string>>();
  const sent: string[] = [];
  for (const line of outbox.lines) {
    const [kind, iso, worker] = line.split(' ');
    const tick = Date.parse(iso ?? '');
    if (kind === 'sent') sent.push(`the digest of ${at(tick)}`);
    if (kind === 'due' && worker) witnesses.set(tick, (witnesses.get(tick) ?? new Set()).add(worker));
  }
  const ops: Op[] = [];
  for (const [tick, workers] of [...witnesses].sort(([a], [b]) => a - b)) {
    if (tick <= from || tick > until) continue;
    const next = witnesses.get(tick + TICK_MS) ?? new Set();
    const vanished = tick + TICK_MS <= until && [...workers].some((w) => !next.has(w));
    const t = read.invoke - (outbox.now - tick); // the tick on the history's clock
    for (const worker of workers) {
      ops.push({ index: -1, op: 'due', value: `the digest of ${at(tick)}`, worker, status: null, invoke: t, complete: vanished ? null : t, outcome: vanished ? 'info' : 'ok' });
    }
  }
  return [...ops, { ...read, op: 'effects', seen: sent }];
}

/** Judges the digests: each tick's exactly once. `mostPerTick`: the most digests one tick sent. */
export function digestChecker(history: History): CheckResult {
  const ops = digestHistory(history);
  const result = duplicatedChecker(ops);
  const effects = ops.find((op) => op.op === 'effects');
  const due = new Set(ops.filter((op) => op.op === 'due').map((op) => String(op.value)));
  const perTick = new Map<string, number>();
  for (const key of (effects?.seen as string[] | undefined) ?? []) if (due.has(key)) perTick.set(key, (perTick.get(key) ?? 0) + 1);
  return { ...result, counts: { ...result.counts, mostPerTick: Math.max(0, ...perTick.values()) } };
}
