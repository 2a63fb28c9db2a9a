// What the report needs to draw one cell, taken from the cell's run when --html asks for it (never
// otherwise: a default run keeps no history). A bounded sample of the history for the marks, plus what
// must stay exact however long the history: the cumulative amounts of every kind of operation over
// time, the operations the checker's examples name, and the moments workers left (a fault).
// Pure: the run in, the picture out. Knows no checker: only the history's vocabulary.
import type { WorkerExit } from '../cluster.js';
import type { History, Op } from '../history.js';
import { groupBy } from '../checkers/result.js';

/** At most this many operations are kept for drawing per cell (the counts stay exact). */
export const MAX_DRAWN_OPS = 1200;
/** Points of each cumulative series. */
const SERIES_POINTS = 200;

/** Cumulative amounts of one kind of operation: attempted by invoke time (not failed), acknowledged by completion. */
export interface Series { op: string; t: number[]; attempted: number[]; acknowledged: number[] }
/** A worker that left while serving, at the completion of its last answer. */
export interface FaultMoment { worker: string; reason: WorkerExit['reason']; at: number }

export interface CellPicture {
  /** The sample, in history order; each op keeps its `index` in the whole history. */
  ops: Op[];
  /** Operations in the whole history, and how many the sample keeps. */
  total: number;
  spanMs: number;
  series: Series[];
  /** For each of the checker's examples (same order), the indices of the operations it names (none for a sentence that names no worker). */
  exampleOps: number[][];
  faults: FaultMoment[];
}

/** What an operation adds: its number, or its `amount` (a deposit), else 1. */
export function amountOf(op: Op): number {
  if (typeof op.value === 'number') return op.value;
  const amount = (op.value as { amount?: unknown } | null | undefined)?.amount;
  return typeof op.value === 'object' && typeof amount === 'number' ? amount : 1;
}

const format = (x: unknown): string => (typeof x === 'number' ? x.toLocaleString('en-US') : String(x));
const strip = (token: string): string => token.replace(/[,;:.)]+$/, '').replace(/^[(]+/, '');

/** The workers a sentence names: `worker 3`, `workers 1, 2 and 4`, `worker(s) h1.w2, h2.w1`. */
export function workersNamed(example: string): string[] {
  const named: string[] = [];
  for (const m of example.matchAll(/\bworkers?(?:\(s\))? ((?:[\w.]+(?:, | and )?)+)/g)) {
    for (const w of m[1]!.split(/, | and /)) if (/\d/.test(w)) named.push(w.replace(/\.$/, ''));
  }
  return [...new Set(named)];
}

/**
 * The operations an example names. Examples are sentences ("read on worker 3 saw 1,204 after 5,000
 * increments were acknowledged"): for each worker named, the operation on it whose user, value and
 * seen value the sentence names most (of equals, the latest). The first worker named always gets one
 * (with only the worker to go by, a growth example: that worker's last operation); another worker
 * only an operation the sentence says more about. None when no worker is named.
 */
export function exampleOps(example: string, history: History): Op[] {
  const workers = workersNamed(example);
  const tokens = new Set(example.split(/\s+/).map(strip));
  const words = example.toLowerCase();
  const named = (x: unknown): boolean =>
    x !== undefined && typeof x !== 'object' && (tokens.has(format(x)) || (typeof x === 'string' && x.length >= 3 && example.includes(x)));
  const best = new Map<string, { op: Op; score: number }>();
  for (const op of history) {
    if (op.worker === null || !workers.includes(op.worker)) continue;
    const score = (named(op.seen) ? 2 : 0) + (named(op.value) ? 2 : 0) + (op.user !== undefined && tokens.has(op.user) ? 1 : 0) + (words.includes(op.op.toLowerCase()) ? 1 : 0);
    if (score >= (best.get(op.worker)?.score ?? -1)) best.set(op.worker, { op, score });
  }
  return workers.flatMap((w, i) => {
    const found = best.get(w);
    return found && (i === 0 || found.score > 0) ? [found.op] : [];
  });
}

/** Every `step`-th of `ops`, evenly over the list, about `budget` of them. */
function evenly(ops: Op[], most: number): Op[] {
  if (ops.length <= most) return ops;
  const budget = Math.floor(most);
  const step = ops.length / budget;
  const picked: Op[] = [];
  for (let i = 0; i < budget; i++) picked.push(ops[Math.floor(i * step)]!);
  return picked;
}

function seriesOf(op: string, ops: Op[], spanMs: number): Series {
  const attempted = ops.filter((o) => o.outcome !== 'fail').map((o) => ({ t: o.invoke, a: amountOf(o) })).sort((a, b) => a.t - b.t);
  const acked = ops.filter((o) => o.outcome === 'ok' && o.complete !== null).map((o) => ({ t: o.complete!, a: amountOf(o) })).sort((a, b) => a.t - b.t);
  const series: Series = { op, t: [], attempted: [], acknowledged: [] };
  let i = 0;
  let j = 0;
  let sumAttempted = 0;
  let sumAcked = 0;
  for (let p = 0; p <= SERIES_POINTS; p++) {
    const t = (spanMs * p) / SERIES_POINTS;
    while (i < attempted.length && attempted[i]!.t <= t) sumAttempted += attempted[i++]!.a;
    while (j < acked.length && acked[j]!.t <= t) sumAcked += acked[j++]!.a;
    series.t.push(Math.round(t * 10) / 10);
    series.attempted.push(sumAttempted);
    series.acknowledged.push(sumAcked);
  }
  return series;
}

export function pictureOf(run: { history: History; exits: WorkerExit[] }, examples: string[], maxOps = MAX_DRAWN_OPS): CellPicture {
  const { history } = run;
  if (history.length <= maxOps) maxOps = Number.POSITIVE_INFINITY; // small enough to draw whole
  const spanMs = history.reduce((end, op) => Math.max(end, op.complete ?? op.invoke), 0);
  const keep = new Set<Op>();
  const named = examples.map((e) => {
    const ops = exampleOps(e, history);
    for (const op of ops) keep.add(op);
    return ops.map((op) => op.index);
  });
  // Each worker's first and last operation (where its lane begins and ends), and the last word of each
  // worker for each user and kind (what it showed them at the end): few, and what the charts compare.
  const ends = new Map<string, Op>();
  const lastWords = new Map<string, Op>();
  for (const op of history) {
    const w = String(op.worker);
    if (!ends.has(`${w}<`)) ends.set(`${w}<`, op);
    ends.set(`${w}>`, op);
    lastWords.set(`${w}\0${op.op}\0${op.user ?? ''}`, op);
  }
  for (const op of ends.values()) keep.add(op);
  for (const op of evenly([...lastWords.values()].sort((a, b) => a.index - b.index), maxOps / 4)) keep.add(op);
  const byKind = groupBy(history, (op) => op.op);
  // What is left of the budget goes to the kinds in proportion to their size, rare kinds whole
  // (a few writes or probes among thousands of increments are what the chart is about), and to the
  // operations that did not succeed (up to a quarter of it).
  const failed = history.filter((op) => op.outcome !== 'ok');
  for (const op of evenly(failed, maxOps / 4)) keep.add(op);
  const room = Math.max(0, maxOps - keep.size);
  for (const ops of byKind.values()) {
    const share = Math.max(Math.min(ops.length, 100), Math.floor((room * ops.length) / Math.max(1, history.length)));
    for (const op of evenly(ops, share)) keep.add(op);
  }
  const faults = run.exits.map((exit) => ({ worker: exit.id, reason: exit.reason, at: lastAnswerOf(history, exit.id) }));
  return {
    ops: [...keep].sort((a, b) => a.index - b.index),
    total: history.length,
    spanMs,
    series: [...byKind].map(([op, ops]) => seriesOf(op, ops, spanMs)),
    exampleOps: named,
    faults,
  };
}

/** When a worker answered last (its lane ends there): where a fault is marked. */
function lastAnswerOf(history: History, worker: string): number {
  let at = 0;
  for (const op of history) if (op.worker === worker) at = Math.max(at, op.complete ?? op.invoke);
  return at;
}
