// The matrix: every variant of a lab under 1 and N workers (and the stores, hosts and faults asked
// for), each cell run on a fresh cluster, judged by the lab's checker and compared with the lab's
// expectation; with `repeat`, each cell several times, to prove it reproduces every time.
// plan.ts chooses the cells, summary.ts judges a cell's run; this file runs the processes.
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startCluster } from './cluster.js';
import { startCommand } from './command-host.js';
import type { CellKey, Lab } from './contract.js';
import { Cancelled, HarnessError } from './errors.js';
import { pictureOf } from './html/picture.js';
import { runScenario, type LoadHooks } from './load.js';
import { planCells, type MatrixOptions } from './plan.js';
import { withRedis } from './redis-server.js';
import { deleteKeys, runPrefix } from './store/redis.js';
import { latencyOf } from './store/types.js';
import { sourcePathOf } from './runtime.js';
import { combineRuns, summarize, type CellResult, type CellRun } from './summary.js';

export { faultOf, planCells, type MatrixOptions } from './plan.js';
export { summarize, type CellResult, type CellTiming } from './summary.js';

export interface MatrixResult {
  lab: string;
  matches: boolean;
  cells: CellResult[];
  durationMs: number;
}

export interface RunHooks extends LoadHooks {
  /** Aborting it ends the run at once (its processes stopped) with a Cancelled error. */
  signal?: AbortSignal;
  onCellStart?: (cell: CellKey, index: number, total: number) => void;
  onCellEnd?: (result: CellResult, index: number, total: number) => void;
  /** Keep a bounded sample of each cell's history in its result, to draw it (--html); off, a run keeps none. */
  picture?: boolean;
}

/** Starts the cell's cluster, runs the scenario against it, stops it: what summarize() judges. */
async function runCellProcesses(lab: Lab, cell: CellKey, options: MatrixOptions, dataDir: string, redisPrefix: string | undefined, hooks: RunHooks): Promise<CellRun> {
  const t0 = performance.now();
  await lab.prepare?.(dataDir);
  const latency = latencyOf(cell.latency);
  // A command variant is a server of its own (command-host.ts); any other runs in our node:cluster.
  const command = lab.variants[cell.variant]?.command;
  const cluster = command ? await startCommand({
    spec: command,
    variantModule: lab.variantModule(cell.variant),
    labDir: sourcePathOf(lab.folder),
    workers: cell.workers,
    hosts: cell.hosts,
    dataDir,
    port: options.port ?? 0,
    ...(options.restartEvery && { restartEvery: options.restartEvery }),
    ...(redisPrefix && { redisUrl: options.redisUrl, redisPrefix }),
  }) : await startCluster({
    variantModule: lab.variantModule(cell.variant),
    workers: cell.workers,
    hosts: cell.hosts,
    store: cell.store,
    dataDir,
    port: options.port ?? 0,
    ...(options.restartEvery && { restartEvery: options.restartEvery }),
    ...(redisPrefix && { redisUrl: options.redisUrl, redisPrefix }),
    ...(latency && { storeLatency: latency }),
  });
  const started = performance.now();
  // A host that dies on its own ends the run: what it would measure from then on is meaningless.
  const abort = new AbortController();
  let died: string | undefined;
  void cluster.died.then((reason) => {
    died = reason;
    abort.abort();
  });
  const cancel = (): void => abort.abort();
  hooks.signal?.addEventListener('abort', cancel, { once: true });
  let run: Awaited<ReturnType<typeof runScenario>>;
  let stopping: number;
  try {
    const scenario = lab.scenario({
      workers: cell.workers,
      hosts: cell.hosts,
      requests: options.requests ?? ((cell.latency !== 'none' && lab.defaults.latencyRequests) || lab.defaults.requests),
      connections: options.connections ?? lab.defaults.connections,
      spreadReads: 2 * cell.workers * cell.hosts,
      dataDir,
    });
    run = await runScenario(scenario, {
      urls: cluster.urls,
      signal: abort.signal,
      allListening: () => cluster.allListening(),
      ...(command && { workerHeader: command.workerHeader ?? null }),
      ...(options.killWorker && { midLoad: () => cluster.killWorker() }),
    }, hooks).catch((err: unknown) => {
      throw died ? new HarnessError(died) : err;
    });
    if (died) throw new HarnessError(died);
    if (hooks.signal?.aborted) throw new Cancelled();
  } finally {
    // Stopped once, on every path: what it ran, failed or was cancelled.
    hooks.signal?.removeEventListener('abort', cancel);
    stopping = performance.now();
    await cluster.stop();
  }
  const stopped = performance.now();
  return { ...run, exits: cluster.exits, serverErrors: cluster.serverErrors, startMs: started - t0, stopMs: stopped - stopping, totalMs: stopped - t0 };
}

export async function runCell(lab: Lab, cell: CellKey, options: MatrixOptions, hooks: RunHooks = {}): Promise<CellResult> {
  if (cell.store === 'redis' && !options.redisUrl) throw new HarnessError('a redis cell needs a Redis URL (runMatrix provides one)');
  // Every cell's Redis keys start with a prefix of its own, so that cells and runs never see each
  // other's data on a shared server; they are deleted afterwards.
  const redisPrefix = cell.store === 'redis' ? runPrefix(lab.name) : undefined;
  const dataDir = await mkdtemp(join(tmpdir(), `worker-state-lab-${lab.name}-`));
  try {
    const run = await runCellProcesses(lab, cell, options, dataDir, redisPrefix, hooks);
    const result = summarize(lab, cell, run);
    return hooks.picture ? { ...result, picture: pictureOf(run, result.examples) } : result;
  } finally {
    await rm(dataDir, { recursive: true, force: true });
    if (redisPrefix) await deleteKeys(options.redisUrl!, redisPrefix).catch(() => 0);
  }
}

/**
 * Runs the cells side by side, one lane per core (more would only fight over the CPU while the
 * clusters start), the slowest first: a latency or fault cell, then the most workers. Results in plan order.
 */
async function inLanes(plan: CellKey[], runOne: (cell: CellKey, i: number) => Promise<CellResult>): Promise<CellResult[]> {
  const weight = (c: CellKey): number => (c.latency !== 'none' || c.fault !== 'none' ? 1000 : 0) + c.workers * c.hosts;
  const queue = plan.map((cell, i) => ({ cell, i })).sort((a, b) => weight(b.cell) - weight(a.cell));
  const results: CellResult[] = new Array(plan.length);
  const lane = async (): Promise<void> => {
    for (let next = queue.shift(); next; next = queue.shift()) results[next.i] = await runOne(next.cell, next.i);
  };
  await Promise.all(Array.from({ length: Math.min(availableParallelism(), plan.length) }, lane));
  return results;
}

export async function runMatrix(lab: Lab, options: MatrixOptions, hooks: RunHooks = {}): Promise<MatrixResult> {
  const t0 = performance.now();
  const plan = planCells(lab, options);
  if (plan.length === 0) throw new HarnessError(`nothing to run for lab ${lab.name}: no variant chosen`);
  const cells: CellResult[] = [];
  await withRedis(plan.some((c) => c.store === 'redis'), options.redisUrl, async (redisUrl) => {
    const cellOptions = { ...options, ...(redisUrl && { redisUrl }) };
    const runOne = async (cell: CellKey, i: number): Promise<CellResult> => {
      if (hooks.signal?.aborted) throw new Cancelled();
      hooks.onCellStart?.(cell, i, plan.length);
      const runs: CellResult[] = [];
      for (let r = 0; r < (options.repeat ?? 1); r++) runs.push(await runCell(lab, cell, cellOptions, hooks));
      const result = combineRuns(runs);
      hooks.onCellEnd?.(result, i, plan.length);
      return result;
    };
    if (options.parallel) cells.push(...(await inLanes(plan, runOne)));
    else {
      // Until a mismatch: where one is likeliest first, several processes, then the slow store, one
      // process last (most wrong fixes hold in a single process). Otherwise in plan order.
      const rank = (c: CellKey): number => (c.workers * c.hosts === 1 ? 2 : c.latency !== 'none' ? 1 : 0);
      const order = plan.map((cell, i) => ({ cell, i }));
      if (options.untilMismatch) order.sort((a, b) => rank(a.cell) - rank(b.cell));
      for (const { cell, i } of order) {
        cells.push(await runOne(cell, i));
        if (options.untilMismatch && !cells.at(-1)!.matches) break;
      }
    }
  });
  return { lab: lab.name, matches: cells.every((c) => c.matches), cells, durationMs: Math.round(performance.now() - t0) };
}
