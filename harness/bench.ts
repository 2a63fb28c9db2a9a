// Measurements for `npm run bench`: throughput of buggy and fixed variants, the cost of recording a
// history, and how long one matrix takes. Returns numbers; scripts/bench.ts prints them.
import { copyFile, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { startCluster } from './cluster.js';
import type { Lab, LoadStep } from './contract.js';
import { judgeMine } from './exercise.js';
import { runScenario } from './load.js';
import { minePath } from './mine.js';
import { sourcePathOf } from './runtime.js';
import { runCell, runMatrix, type MatrixOptions } from './run.js';
import type { StoreKind } from './store/types.js';

export const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Median req/s of a variant's main load over `trials` fresh cells. */
export async function throughput(lab: Lab, variant: string, store: StoreKind | 'none', options: MatrixOptions & { trials: number }): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < options.trials; i++) {
    const cell = await runCell(lab, { variant, workers: options.workers, hosts: 1, store, fault: 'none', latency: 'none' }, options);
    runs.push(cell.reqPerSec);
  }
  return median(runs);
}

/** The lab's main load step, as the scenario defines it. */
function mainLoad(lab: Lab, requests: number, connections: number, dataDir: string): LoadStep {
  const step = lab.scenario({ workers: 4, hosts: 1, requests, connections, spreadReads: 8, dataDir }).steps.find((s): s is LoadStep => s.kind === 'load');
  if (!step) throw new Error(`lab ${lab.name} has no load step`);
  return step;
}

/** Bare autocannon: the same requests, nothing recorded, timed by our own clock. */
function bare(url: string, step: LoadStep): Promise<number> {
  const spec = step.request(0);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    autocannon({
      url,
      connections: step.connections,
      amount: step.amount,
      sampleInt: 20,
      requests: [{
        method: spec.method ?? 'GET',
        path: spec.path,
        headers: { ...(spec.body !== undefined && { 'content-type': 'application/json' }), ...spec.headers },
        ...(spec.body !== undefined && { body: JSON.stringify(spec.body) }),
      }],
    } as autocannon.Options, (err) => (err ? reject(err) : resolve(step.amount / ((performance.now() - started) / 1000))));
  });
}

/**
 * The same load on the same cluster, alternately bare and through the harness (which builds every
 * request, records it and parses every answer): the harness's own cost, as a share of throughput.
 */
export async function recordingOverhead(lab: Lab, variant: string, options: { workers: number; requests: number; connections: number; trials: number }): Promise<{ bare: number; harness: number; overhead: number }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'worker-state-lab-bench-'));
  const bareRuns: number[] = [];
  const harnessRuns: number[] = [];
  let cluster: Awaited<ReturnType<typeof startCluster>> | undefined;
  try {
    await lab.prepare?.(dataDir);
    cluster = await startCluster({ variantModule: lab.variantModule(variant), workers: options.workers, hosts: 1, store: lab.variants[variant]!.store ? 'primary' : 'none', dataDir });
    const step = mainLoad(lab, options.requests, options.connections, dataDir);
    await bare(cluster.urls[0]!, { ...step, amount: Math.min(1000, step.amount) }); // warm-up (JIT, connections)
    for (let i = 0; i < options.trials; i++) {
      bareRuns.push(await bare(cluster.urls[0]!, step));
      const started = performance.now();
      await runScenario({ steps: [step] }, { urls: cluster.urls });
      harnessRuns.push(step.amount / ((performance.now() - started) / 1000));
    }
  } finally {
    await cluster?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  const b = median(bareRuns);
  const h = median(harnessRuns);
  return { bare: Math.round(b), harness: Math.round(h), overhead: 1 - h / b };
}

export interface MatrixTime { totalMs: number; startMs: number; loadMs: number; readsMs: number; stopMs: number; otherMs: number; cells: number }

/**
 * The median of `runs` full matrices (by total time), with where that run's time went: as `npm run lab`
 * runs them (runMatrix), so a lab whose cells wait (cellsWait) has them overlapped, and its parts,
 * summed over its cells, add up to more than its total (`otherMs` then 0).
 */
export async function matrixTime(lab: Lab, runs: number, options: MatrixOptions = { workers: 4 }): Promise<MatrixTime> {
  const times: MatrixTime[] = [];
  for (let i = 0; i < runs; i++) {
    const result = await runMatrix(lab, options);
    const sum = (key: 'startMs' | 'loadMs' | 'readsMs' | 'stopMs') => result.cells.reduce((s, c) => s + c.timing[key], 0);
    const parts = { startMs: sum('startMs'), loadMs: sum('loadMs'), readsMs: sum('readsMs'), stopMs: sum('stopMs') };
    const accounted = parts.startMs + parts.loadMs + parts.readsMs + parts.stopMs;
    times.push({ totalMs: result.durationMs, ...parts, otherMs: Math.max(0, result.durationMs - accounted), cells: result.cells.length });
  }
  return [...times].sort((a, b) => a.totalMs - b.totalMs)[times.length >> 1]!;
}

/**
 * Exercise mode's answer time: from mine.ts saved (with fixed.ts's code) to its verdict, as watch mode
 * judges it (made runnable, type-checked, cells side by side); the median of `runs`. A participant's
 * own mine.ts is put aside and back, and no progress is recorded.
 */
export async function saveToVerdict(lab: Lab, runs: number): Promise<number> {
  const path = minePath(lab);
  const aside = `${path}.aside-for-bench`;
  const had = await stat(path).then(() => true, () => false);
  const state = await mkdtemp(join(tmpdir(), 'worker-state-lab-bench-state-'));
  const before = process.env.WORKER_STATE_LAB_STATE;
  process.env.WORKER_STATE_LAB_STATE = state;
  if (had) await rename(path, aside);
  const times: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      await copyFile(join(sourcePathOf(lab.folder), 'fixed.ts'), path);
      const saved = (await stat(path)).mtimeMs;
      const judgement = await judgeMine(lab, { workers: 4 }, { parallel: true });
      times.push(Date.now() - saved);
      if (!judgement.compiled || !judgement.result.matches) throw new Error(`${lab.name}: fixed.ts as mine.ts did not pass`);
    }
  } finally {
    await rm(path, { force: true });
    if (had) await rename(aside, path);
    if (before === undefined) delete process.env.WORKER_STATE_LAB_STATE;
    else process.env.WORKER_STATE_LAB_STATE = before;
    await rm(state, { recursive: true, force: true });
  }
  return median(times);
}
