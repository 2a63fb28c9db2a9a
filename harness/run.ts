// The matrix: every variant of a lab under 1 and N workers (and the stores, hosts and faults asked
// for), each cell run on a fresh cluster, judged by the lab's checker and compared with the lab's
// expectation; with `repeat`, each cell several times, to prove it reproduces every time.
// plan.ts chooses the cells, lanes.ts how they share the machine, summary.ts judges a cell's run; this
// file runs the processes.
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startCluster } from './cluster.js';
import { startCommand } from './command-host.js';
import { severalProcesses, type CellKey, type Lab, type Step } from './contract.js';
import { Cancelled, HarnessError } from './errors.js';
import { pictureOf } from './html/picture.js';
import { runScenario, type LoadHooks } from './load.js';
import { planCells, type MatrixOptions } from './plan.js';
import { withRedis } from './redis-server.js';
import { deleteKeys, runPrefix } from './store/redis.js';
import { latencyOf } from './store/types.js';
import { sourcePathOf } from './runtime.js';
import { runInLanes, type Lanes, type RunJob } from './lanes.js';
import { summarize, type CellResult, type CellRun } from './summary.js';

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
async function runCellProcesses(lab: Lab, cell: CellKey, options: MatrixOptions, dataDir: string, redisPrefix: string | undefined, hooks: RunHooks, busyDone?: () => void): Promise<CellRun> {
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
  if (hooks.signal?.aborted) cancel(); // aborted while the cluster started
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
    // The cell's busy part (start-up, load, the fresh requests after it, which first wait for a replaced
    // worker to listen) is over when a step after its last load that sends no request (a wait) begins.
    const lastLoad = scenario.steps.findLastIndex((s) => s.kind === 'load');
    const onStep = (step: Step): void => {
      if (scenario.steps.indexOf(step) > lastLoad && (step.kind === 'outside' || step.kind === 'pause')) busyDone?.();
      hooks.onStep?.(step);
    };
    run = await runScenario(scenario, {
      urls: cluster.urls,
      signal: abort.signal,
      allListening: () => cluster.allListening(),
      ...(command && { workerHeader: command.workerHeader ?? null }),
      ...(options.killWorker && { midLoad: () => cluster.killWorker() }),
    }, { ...hooks, onStep }).catch((err: unknown) => {
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

/** One run of one cell; `busyDone` is told when its load is done (lanes.ts: a lab whose cells wait). */
export async function runCell(lab: Lab, cell: CellKey, options: MatrixOptions, hooks: RunHooks = {}, busyDone?: () => void): Promise<CellResult> {
  if (cell.store === 'redis' && !options.redisUrl) throw new HarnessError('a redis cell needs a Redis URL (runMatrix provides one)');
  // Every cell's Redis keys start with a prefix of its own, so that cells and runs never see each
  // other's data on a shared server; they are deleted afterwards.
  const redisPrefix = cell.store === 'redis' ? runPrefix(lab.name) : undefined;
  const dataDir = await mkdtemp(join(tmpdir(), `worker-state-lab-${lab.name}-`));
  try {
    const run = await runCellProcesses(lab, cell, options, dataDir, redisPrefix, hooks, busyDone);
    const result = summarize(lab, cell, run);
    return hooks.picture ? { ...result, picture: pictureOf(run, result.examples) } : result;
  } finally {
    await rm(dataDir, { recursive: true, force: true });
    if (redisPrefix) await deleteKeys(options.redisUrl!, redisPrefix).catch(() => 0);
  }
}

/**
 * How the cells share the machine (lanes.ts): one after another, or one lane per core (more would only
 * fight over the CPU while the clusters start) when asked (`parallel`) or when the lab's cells mostly
 * wait (LabSpec.cellsWait), whose lane is then freed once a cell's load is done. A fixed port has room
 * for one cluster. Side by side the slowest cells go first (a latency or fault cell, then the most
 * workers); with untilMismatch, the likeliest to differ (several processes before one), to stop soonest.
 */
export function lanesFor(lab: Lab, plan: CellKey[], options: MatrixOptions): Lanes {
  const weight = (c: CellKey): number => options.parallel
    ? (c.latency !== 'none' || c.fault !== 'none' ? 1000 : 0) + c.workers * c.hosts
    : Number(options.untilMismatch && severalProcesses(c));
  const order = plan.map((_, i) => i).sort((a, b) => weight(plan[b]!) - weight(plan[a]!));
  const taken = order.some((i, at) => i !== at) ? { order } : {};
  if (options.port || !(options.parallel || lab.cellsWait)) return { count: 1, freedAfter: 'end', ...taken };
  return { count: Math.min(availableParallelism(), plan.length), freedAfter: lab.cellsWait ? 'load' : 'end', ...taken };
}

export async function runMatrix(lab: Lab, options: MatrixOptions, hooks: RunHooks = {}): Promise<MatrixResult> {
  const t0 = performance.now();
  const plan = planCells(lab, options);
  if (plan.length === 0) throw new HarnessError(`nothing to run for lab ${lab.name}: no variant chosen`);
  let cells: CellResult[] = [];
  await withRedis(plan.some((c) => c.store === 'redis'), options.redisUrl, async (redisUrl) => {
    const cellOptions = { ...options, ...(redisUrl && { redisUrl }) };
    const runJob: RunJob = (cell, busyDone, signal) => runCell(lab, cell, cellOptions, { ...hooks, signal }, busyDone);
    cells = await runInLanes(plan, lanesFor(lab, plan, options), options.repeat ?? 1, options.untilMismatch ?? false, runJob, hooks);
  });
  return { lab: lab.name, matches: cells.every((c) => c.matches), cells, durationMs: Math.round(performance.now() - t0) };
}
