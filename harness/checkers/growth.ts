// Memory that a worker keeps for every request it serves. The harness's heap probe runs a full GC
// and reports what is still reachable (`heapUsed`) and how many requests the worker has served, so
// each probe is one point (served, heapUsed) of that worker. A worker's growth is the slope between
// its first warm point and its last: bytes retained per request served in between. Above the bound
// is `grew`. Two kinds of noise are kept out:
//  - a fresh worker compiles code and fills caches during its first requests (the better part of a
//    megabyte): points taken before it served `warmUpRequests` are not used;
//  - a forced GC still leaves a few hundred kB that come and go: a worker is judged only when it
//    served `minRequests` between its first warm point and its last.
// A byte bound loose enough for that noise hides a small leak (a hundred-byte closure per request).
// Where the app can report what it retains (a listener count, a map's size), the scenario probes
// that too: a count is exact, so a worker whose count is higher at its last warm probe than at its
// first, by more than `allowedRetainedGrowth`, is `grew` however few bytes each item holds. A count
// probe has no served count of its own: it takes the one of the same worker's heap probe just
// before it (the scenario probes the heap, then the counts, in each round), so that both rules judge
// the same span of requests.
// History ops: `heap` with `seen` = {served, heapUsed}; `retained` with `value` = what is counted
// (a name for the examples) and `seen` = the count.
import type { Checker, CheckResult } from '../contract.js';
import { n, type History, type Op } from '../history.js';
import { finish, groupBy, maxOf, unknown } from './result.js';

export interface GrowthBound {
  /** A worker that keeps more than this many bytes per request served has `grew`. */
  boundBytesPerRequest: number;
  /** Probes taken before a worker served this many requests are not used: it was still warming up. */
  warmUpRequests: number;
  /** A worker is judged only when it served at least this many requests between its first warm probe and its last. */
  minRequests: number;
  /** How much a worker's retained count (`retained` probes) may rise between its first warm probe and its last (default 0). */
  allowedRetainedGrowth?: number;
}

interface Probe { served: number; heapUsed: number }
interface Growth { worker: string; from: Probe; to: Probe; bytesPerRequest: number }
interface CountPoint { served: number; count: number }
interface CountGrowth { worker: string; what: string; from: CountPoint; to: CountPoint }

const isProbe = (x: unknown): x is Probe =>
  typeof x === 'object' && x !== null && Number.isFinite((x as Probe).served) && Number.isFinite((x as Probe).heapUsed);

/** `4,718,592` bytes → `4.7 MB`. */
const megabytes = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;

/** One worker's probes, one per served count (the lowest heap of those taken at the same count). */
function probesOf(ops: Op[]): Probe[] {
  const lowest = new Map<number, number>();
  for (const { seen } of ops) {
    const { served, heapUsed } = seen as Probe;
    lowest.set(served, Math.min(heapUsed, lowest.get(served) ?? Infinity));
  }
  return [...lowest].map(([served, heapUsed]) => ({ served, heapUsed })).sort((a, b) => a.served - b.served);
}

const byWorkerOf = (ops: Op[]): Map<string, Op[]> => {
  const byWorker = new Map<string, Op[]>();
  for (const [worker, group] of groupBy(ops, (op) => op.worker!)) byWorker.set(worker, group);
  return byWorker;
};

/**
 * One worker's count probes as points (served, count): each at the served count of the worker's
 * last heap probe that completed before it was sent (none: left out), the lowest count per point.
 */
function countPointsOf(counts: Op[], heaps: Op[]): CountPoint[] {
  const lowest = new Map<number, number>();
  for (const op of counts) {
    const before = heaps.filter((h) => h.complete !== null && h.complete <= op.invoke);
    const heap = before.reduce<Op | undefined>((latest, h) => (latest && latest.complete! >= h.complete! ? latest : h), undefined);
    if (!heap) continue;
    const { served } = heap.seen as Probe;
    lowest.set(served, Math.min(op.seen as number, lowest.get(served) ?? Infinity));
  }
  return [...lowest].map(([served, count]) => ({ served, count })).sort((a, b) => a.served - b.served);
}

export function growthChecker({ boundBytesPerRequest, warmUpRequests, minRequests, allowedRetainedGrowth = 0 }: GrowthBound): Checker {
  /** The first and last warm points of a worker, when it served enough requests in between to judge. */
  const span = <P extends { served: number }>(points: P[]): [P, P] | undefined => {
    const warm = points.filter((p) => p.served >= warmUpRequests);
    const from = warm[0];
    const to = warm.at(-1);
    return from && to && to.served - from.served >= minRequests ? [from, to] : undefined;
  };

  return (history: History): CheckResult => {
    const probes = history.filter((op) => op.op === 'heap' && op.outcome === 'ok' && op.worker !== null && isProbe(op.seen));
    const countProbes = history.filter((op) => op.op === 'retained' && op.outcome === 'ok' && op.worker !== null && Number.isFinite(op.seen));
    const heapsByWorker = byWorkerOf(probes);
    const growths: Growth[] = [];
    for (const [worker, ops] of heapsByWorker) {
      const judged = span(probesOf(ops));
      if (!judged) continue;
      const [from, to] = judged;
      growths.push({ worker, from, to, bytesPerRequest: Math.round((to.heapUsed - from.heapUsed) / (to.served - from.served)) });
    }
    const countGrowths: CountGrowth[] = [];
    for (const [worker, ops] of byWorkerOf(countProbes)) {
      const judged = span(countPointsOf(ops, heapsByWorker.get(worker) ?? []));
      if (judged) countGrowths.push({ worker, what: String(ops[0]!.value ?? 'retained items'), from: judged[0], to: judged[1] });
    }
    const counts: Record<string, number> = {
      boundBytesPerRequest,
      probes: probes.length,
      workersProbed: heapsByWorker.size,
      workersJudged: growths.length,
    };
    if (countProbes.length > 0) {
      counts.allowedRetainedGrowth = allowedRetainedGrowth;
      counts.retainedProbes = countProbes.length;
      counts.workersCounted = countGrowths.length;
    }
    if (growths.length === 0 && countGrowths.length === 0) {
      return unknown(counts, `no warm worker served ${n(minRequests)} requests between two heap probes, so there is nothing to judge`);
    }
    const examples: string[] = [];
    let grew = false;
    if (growths.length > 0) {
      const worstFirst = [...growths].sort((a, b) => b.bytesPerRequest - a.bytesPerRequest);
      const grown = worstFirst.filter((g) => g.bytesPerRequest > boundBytesPerRequest);
      // The worst worker's slope, and each worker's: they differ by how many requests each one served.
      counts.bytesPerRequest = worstFirst[0]!.bytesPerRequest;
      counts.workersGrown = grown.length;
      for (const g of growths) counts[`bytesPerRequest.${g.worker}`] = g.bytesPerRequest;
      counts.retainedBytes = maxOf(growths.map((g) => g.to.heapUsed - g.from.heapUsed));
      examples.push(...grown.slice(0, 3).map(({ worker, from, to, bytesPerRequest }) =>
        `worker ${worker} kept ${n(bytesPerRequest)} bytes per request: ${megabytes(to.heapUsed - from.heapUsed)} after ${n(to.served - from.served)} requests ` +
        `(bound ${n(boundBytesPerRequest)})`));
      grew = grown.length > 0;
    }
    if (countGrowths.length > 0) {
      const rise = (g: CountGrowth): number => g.to.count - g.from.count;
      const worstFirst = [...countGrowths].sort((a, b) => rise(b) - rise(a));
      const rising = worstFirst.filter((g) => rise(g) > allowedRetainedGrowth);
      counts.retainedGrowth = rise(worstFirst[0]!);
      counts.workersRetaining = rising.length;
      for (const g of countGrowths) counts[`retainedGrowth.${g.worker}`] = rise(g);
      examples.push(...rising.slice(0, 3).map((g) =>
        `worker ${g.worker} kept ${n(rise(g))} more ${g.what} after ${n(g.to.served - g.from.served)} requests: ${n(g.from.count)}, then ${n(g.to.count)}` +
        (allowedRetainedGrowth > 0 ? ` (${n(allowedRetainedGrowth)} allowed)` : '')));
      grew ||= rising.length > 0;
    }
    return finish({ grew }, counts, examples);
  };
}
