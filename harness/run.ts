// The matrix: every variant of a lab under 1 and N workers (and the stores, hosts and faults asked
// for), each cell run on a fresh cluster, judged by the lab's checker and compared with the lab's
// expectation; with `repeat`, each cell several times, to prove it reproduces every time.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startCluster } from './cluster.js';
import type { CellKey, CheckResult, Fault, Lab, Verdict } from './contract.js';
import { HarnessError } from './errors.js';
import { spreadOf, type History } from './history.js';
import { runScenario, type LoadHooks } from './load.js';
import { withRedis } from './redis-server.js';
import { deleteKeys, runPrefix } from './store/redis.js';
import { DEFAULT_LATENCY, latencyOf, latencyText, type StoreKind, type StoreLatency } from './store/types.js';

export interface MatrixOptions {
  /** N: the cells run under 1 and under N workers per host. */
  workers: number;
  /** Only these variants (default: all of the lab's). */
  variants?: string[];
  /** Main load size and concurrency (default: the lab's). */
  requests?: number;
  connections?: number;
  /** Stores for the variants that use one (default: primary). */
  stores?: StoreKind[];
  hosts?: number;
  /** An existing Redis for the `redis` store; without it the harness starts its own redis-server. */
  redisUrl?: string;
  port?: number;
  /** Fault: every worker leaves after this many requests and is replaced (gunicorn's --max-requests). */
  restartEvery?: number;
  /** Fault: SIGKILL one worker halfway through the load; its primary replaces it. */
  killWorker?: boolean;
  /**
   * Fault: every store operation waits a random time in this range. Absent: the matrix adds one cell
   * with DEFAULT_LATENCY for each variant with a store (under N workers); null: no latency anywhere;
   * given: every cell with a store runs with it.
   */
  storeLatency?: StoreLatency | null;
  /** Run each cell this many times (default 1). */
  repeat?: number;
}

export interface CellTiming { startMs: number; loadMs: number; readsMs: number; stopMs: number; totalMs: number }

export interface CellResult extends CellKey, CheckResult {
  expected: Verdict;
  matches: boolean;
  /** HTTP requests sent (load and reads). */
  requests: number;
  /** Requests answered 2xx. */
  acknowledged: number;
  /** Requests answered 4xx or refused (definitely not done), and requests without a clear answer (indeterminate). */
  failed: number;
  /** Of the failed ones, those where the scenario expected a 4xx (a read after logout, say). */
  expectedFailures: number;
  indeterminate: number;
  /** Responses served by each worker. */
  spread: Record<string, number>;
  /** Workers that left while serving, by reason; each was replaced. */
  exits: { crashed: number; killed: number; retired: number };
  /** Throughput of the concurrent load steps. */
  reqPerSec: number;
  timing: CellTiming;
  /** With --repeat: how many runs, how many gave each verdict, and whether the verdict varied. */
  runs: number;
  verdicts: Partial<Record<Verdict, number>>;
  flaky: boolean;
}

export interface MatrixResult {
  lab: string;
  matches: boolean;
  cells: CellResult[];
  durationMs: number;
}

export interface RunHooks extends LoadHooks {
  onCellStart?: (cell: CellKey, index: number, total: number) => void;
  onCellEnd?: (result: CellResult, index: number, total: number) => void;
}

export const faultOf = (options: Pick<MatrixOptions, 'restartEvery' | 'killWorker'>): Fault =>
  options.killWorker ? 'kill' : options.restartEvery ? 'restart' : 'none';

export function planCells(lab: Lab, options: MatrixOptions): CellKey[] {
  const variants = options.variants ?? Object.keys(lab.variants);
  for (const v of variants) {
    if (!Object.hasOwn(lab.variants, v)) throw new HarnessError(`lab ${lab.name} has no variant "${v}" (it has ${Object.keys(lab.variants).join(', ')})`);
  }
  const workerCounts = [...new Set([1, options.workers])];
  const hosts = options.hosts ?? 1;
  // Several hosts are there to compare the stores: the primary store (one per machine) against Redis.
  const stores = options.stores ?? (hosts > 1 ? ['primary', 'redis'] : ['primary']);
  const fault = faultOf(options);
  const given = options.storeLatency === undefined ? 'none' : latencyText(options.storeLatency ?? undefined);
  return variants.flatMap((variant) => {
    if (!lab.variants[variant]!.store) return workerCounts.map((workers) => ({ variant, workers, hosts, store: 'none' as const, fault, latency: 'none' }));
    const cells: CellKey[] = workerCounts.flatMap((workers) => stores.map((store) => ({ variant, workers, hosts, store, fault, latency: given })));
    // A slow, out-of-order store shows the fixes that answer before their write was applied.
    if (options.storeLatency === undefined) {
      for (const store of stores) cells.push({ variant, workers: options.workers, hosts, store, fault, latency: latencyText(DEFAULT_LATENCY) });
    }
    return cells;
  });
}

/** A checker that throws says `unknown`, never crashes the run (as Jepsen's checkers do). */
function judge(lab: Lab, history: History): CheckResult {
  try {
    return lab.checker(history);
  } catch (err) {
    return { verdict: 'unknown', anomalies: [], counts: {}, examples: [`the checker failed: ${err instanceof Error ? err.message : String(err)}`] };
  }
}

export async function runCell(lab: Lab, cell: CellKey, options: MatrixOptions, hooks: RunHooks = {}): Promise<CellResult> {
  const t0 = performance.now();
  if (cell.store === 'redis' && !options.redisUrl) throw new HarnessError('a redis cell needs a Redis URL (runMatrix provides one)');
  // Every cell's Redis keys start with a prefix of its own, so that cells and runs never see each
  // other's data on a shared server; they are deleted afterwards.
  const redisPrefix = cell.store === 'redis' ? runPrefix(lab.name) : undefined;
  const dataDir = await mkdtemp(join(tmpdir(), `wsl-${lab.name}-`));
  try {
    await lab.prepare?.(dataDir);
    const cluster = await startCluster({
      variantModule: lab.variantModule(cell.variant),
      workers: cell.workers,
      hosts: cell.hosts,
      store: cell.store,
      dataDir,
      port: options.port ?? 0,
      ...(options.restartEvery && { restartEvery: options.restartEvery }),
      ...(redisPrefix && { redisUrl: options.redisUrl, redisPrefix }),
      ...(latencyOf(cell.latency) && { storeLatency: latencyOf(cell.latency) }),
    });
    const started = performance.now();
    let run;
    let stopping = 0;
    // A host that dies on its own ends the run: what it would measure from then on is meaningless.
    const abort = new AbortController();
    let died: string | undefined;
    void cluster.ended.then((reason) => {
      if (stopping) return;
      died = reason;
      abort.abort();
    });
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
        whole: () => cluster.whole(),
        ...(options.killWorker && { midLoad: () => cluster.killWorker() }),
      }, hooks).catch((err: unknown) => {
        throw died ? new HarnessError(died) : err;
      });
      if (died) throw new HarnessError(died);
    } finally {
      stopping = performance.now();
      await cluster.stop();
    }
    const stopped = performance.now();
    const { history, steps } = run;
    const result = judge(lab, history);
    const expected = lab.expected(cell);
    const msOf = (kind: string) => steps.filter((s) => s.kind === kind).reduce((sum, s) => sum + s.ms, 0);
    const loadMs = msOf('load');
    const loadRequests = steps.filter((s) => s.kind === 'load').reduce((sum, s) => sum + s.requests, 0);
    const exitsFor = (reason: string) => cluster.exits.filter((e) => e.reason === reason).length;
    return {
      ...cell,
      ...result,
      expected,
      matches: result.verdict === expected,
      requests: history.filter((op) => !op.outside).length,
      acknowledged: history.filter((op) => op.outcome === 'ok' && !op.outside).length,
      failed: history.filter((op) => op.outcome === 'fail').length,
      expectedFailures: history.filter((op) => op.outcome === 'fail' && op.expectFail).length,
      indeterminate: history.filter((op) => op.outcome === 'info').length,
      spread: spreadOf(history),
      exits: { crashed: exitsFor('crashed'), killed: exitsFor('killed'), retired: exitsFor('retired') },
      reqPerSec: loadMs > 0 ? Math.round(loadRequests / (loadMs / 1000)) : 0,
      timing: {
        startMs: Math.round(started - t0),
        loadMs: Math.round(loadMs),
        readsMs: Math.round(msOf('fresh')),
        stopMs: Math.round(stopped - stopping),
        totalMs: Math.round(performance.now() - t0),
      },
      runs: 1,
      verdicts: { [result.verdict]: 1 },
      flaky: false,
    };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
    if (redisPrefix) await deleteKeys(options.redisUrl!, redisPrefix).catch(() => 0);
  }
}

/** Several runs of one cell as one result: the first run's details, every run's verdict. */
function combineRuns(runs: CellResult[]): CellResult {
  const verdicts: Partial<Record<Verdict, number>> = {};
  for (const r of runs) verdicts[r.verdict] = (verdicts[r.verdict] ?? 0) + 1;
  const flaky = Object.keys(verdicts).length > 1;
  // A flaky cell shows a run that differs from the expectation: that is the one to look at.
  const shown = runs.find((r) => !r.matches) ?? runs[0]!;
  return { ...shown, runs: runs.length, verdicts, flaky, matches: runs.every((r) => r.matches) };
}

export async function runMatrix(lab: Lab, options: MatrixOptions, hooks: RunHooks = {}): Promise<MatrixResult> {
  const t0 = performance.now();
  const plan = planCells(lab, options);
  if (plan.length === 0) throw new HarnessError(`nothing to run for lab ${lab.name}: no variant chosen`);
  const cells: CellResult[] = [];
  await withRedis(plan.some((c) => c.store === 'redis'), options.redisUrl, async (redisUrl) => {
    const cellOptions = { ...options, ...(redisUrl && { redisUrl }) };
    for (const [i, cell] of plan.entries()) {
      hooks.onCellStart?.(cell, i, plan.length);
      const runs: CellResult[] = [];
      for (let r = 0; r < (options.repeat ?? 1); r++) runs.push(await runCell(lab, cell, cellOptions, hooks));
      const result = combineRuns(runs);
      cells.push(result);
      hooks.onCellEnd?.(result, i, plan.length);
    }
  });
  return { lab: lab.name, matches: cells.every((c) => c.matches), cells, durationMs: Math.round(performance.now() - t0) };
}
