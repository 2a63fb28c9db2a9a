// Memory that a worker keeps for every request it serves. The harness's heap probe runs a full GC
// and reports what is still reachable (`heapUsed`) and how many requests the worker has served, so
// each probe is one point (served, heapUsed) of that worker. A worker's growth is the slope between
// its first warm point and its last: bytes retained per request served in between. Above the bound
// is `grew`. Two kinds of noise are kept out:
//  - a fresh worker compiles code and fills caches during its first requests (the better part of a
//    megabyte): points taken before it served `warmUpRequests` are not used;
//  - a forced GC still leaves a few hundred kB that come and go: a worker is judged only when it
//    served `minRequests` between its first warm point and its last.
// History ops: `heap` with `seen` = {served, heapUsed}.
import type { Checker, CheckResult } from '../contract.js';
import { n, type History, type Op } from '../history.js';
import { finish, maxOf, unknown } from './result.js';

export interface GrowthBound {
  /** A worker that keeps more than this many bytes per request served has `grew`. */
  boundBytesPerRequest: number;
  /** Probes taken before a worker served this many requests are not used: it was still warming up. */
  warmUpRequests: number;
  /** A worker is judged only when it served at least this many requests between its first warm probe and its last. */
  minRequests: number;
}

interface Probe { served: number; heapUsed: number }
interface Growth { worker: string; from: Probe; to: Probe; bytesPerRequest: number }

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

export function growthChecker({ boundBytesPerRequest, warmUpRequests, minRequests }: GrowthBound): Checker {
  return (history: History): CheckResult => {
    const probes = history.filter((op) => op.op === 'heap' && op.outcome === 'ok' && op.worker !== null && isProbe(op.seen));
    const byWorker = new Map<string, Op[]>();
    for (const op of probes) byWorker.set(op.worker!, [...(byWorker.get(op.worker!) ?? []), op]);
    const growths: Growth[] = [];
    for (const [worker, ops] of byWorker) {
      const points = probesOf(ops).filter((p) => p.served >= warmUpRequests);
      const from = points[0];
      const to = points.at(-1);
      if (!from || !to || to.served - from.served < minRequests) continue;
      growths.push({ worker, from, to, bytesPerRequest: Math.round((to.heapUsed - from.heapUsed) / (to.served - from.served)) });
    }
    const counts: Record<string, number> = {
      boundBytesPerRequest,
      probes: probes.length,
      workersProbed: byWorker.size,
      workersJudged: growths.length,
    };
    if (growths.length === 0) {
      return unknown(counts, `no warm worker served ${n(minRequests)} requests between two heap probes, so there is nothing to judge`);
    }
    const worstFirst = [...growths].sort((a, b) => b.bytesPerRequest - a.bytesPerRequest);
    const grown = worstFirst.filter((g) => g.bytesPerRequest > boundBytesPerRequest);
    // The worst worker's slope, and each worker's: they differ by how many requests each one served.
    counts.bytesPerRequest = worstFirst[0]!.bytesPerRequest;
    counts.workersGrown = grown.length;
    for (const g of growths) counts[`bytesPerRequest.${g.worker}`] = g.bytesPerRequest;
    counts.retainedBytes = maxOf(growths.map((g) => g.to.heapUsed - g.from.heapUsed));
    const examples = grown.slice(0, 3).map(({ worker, from, to, bytesPerRequest }) =>
      `worker ${worker} kept ${n(bytesPerRequest)} bytes per request: ${megabytes(to.heapUsed - from.heapUsed)} after ${n(to.served - from.served)} requests ` +
      `(bound ${n(boundBytesPerRequest)})`);
    return finish({ grew: grown.length > 0 }, counts, examples);
  };
}
