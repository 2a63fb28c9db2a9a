// The contract between the harness and a lab. A lab folder exports `defineLab(import.meta.url, {...})`
// from its index.ts, and one file per variant (`buggy.ts`, `fixed.ts`, ...) whose default export is
// `defineVariant(ctx => expressApp)`. The harness knows labs only through this contract.
import { basename, dirname, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Express } from 'express';
import type { History } from './history.js';
import { sourcePathOf } from './runtime.js';
import type { SharedStore, StoreKind } from './store/types.js';

export type Anomaly = 'lost' | 'duplicated' | 'leaked' | 'stale' | 'grew';
export type Verdict = 'ok' | Anomaly | 'unknown';
/**
 * The order in which anomalies become a cell's one `verdict`: the most serious first. `duplicated`
 * (an effect that must happen once happened more than once) comes right after `lost`: both are wrong
 * counts of the same effects, often found together (a tick lost while its runner restarted, another
 * run twice), and a missing effect says more than a doubled one. It comes before `leaked` and
 * `stale` because a duplicate has already acted outside the app (a second mail, a second charge):
 * a wrong answer stops when the code is fixed, a sent duplicate cannot be taken back.
 */
export const ANOMALY_ORDER: readonly Anomaly[] = ['lost', 'duplicated', 'leaked', 'stale', 'grew'];
export const VERDICTS: readonly Verdict[] = ['ok', ...ANOMALY_ORDER, 'unknown'];

/** What a checker says about one history (after Jepsen's `{valid?, ...}` maps). Pure data. */
export interface CheckResult {
  verdict: Verdict;
  anomalies: Anomaly[];
  counts: Record<string, number>;
  examples: string[];
}
export type Checker = (history: History) => CheckResult;

/** What each worker hands to a variant's factory. */
export interface LabContext {
  /** The shared store (IPC to the cluster primary, or Redis); throws if the variant did not declare `store: true`. */
  store: SharedStore;
  /** The id of this worker, as the `x-worker-id` response header names it. */
  workerId: string;
  /** A temporary folder of this run, the same for every worker and the scenario (also in process.env.DATA_DIR, for code that runs at module load). */
  dataDir: string;
  /**
   * Asks the variant's part in this host's cluster primary (its module's `primary` export, see
   * PrimaryPart) and resolves with the answer. Question and answer travel over IPC as JSON. Rejects
   * when the module exports no `primary`, when the part throws, or after 5 s without an answer.
   * Every worker of the harness has it; a server that builds its own context (outside the harness)
   * may leave it out, and a variant with a primary part then cannot run there.
   */
  askPrimary?: (question: unknown) => Promise<unknown>;
}
export type AppFactory = (ctx: LabContext) => Express | Promise<Express>;
export function defineVariant(factory: AppFactory): AppFactory {
  return factory;
}

/** What a variant's primary part is told: its host (1-based), how many hosts the run has, the run's data folder. */
export interface PrimaryContext { host: number; hosts: number; dataDir: string }
/** Answers one `askPrimary(question)` of a worker, in the primary; may be async. */
export type PrimaryAnswer = (question: unknown) => unknown;
/**
 * A variant's part in its host's cluster primary, for what only a primary can do (prom-client's
 * AggregatorRegistry asks every worker of the cluster over IPC). The variant's module exports it as
 * `export const primary = definePrimaryPart(...)`. A host's primary imports that module when its
 * first worker has loaded it and found the export (so module-level code runs in the primary too:
 * keep it to declarations), runs the part once, and answers every question with the function it
 * returned. A variant without the export is never loaded in the primary.
 * Each host has its own primary, so a part sees only the workers of its own host.
 */
export type PrimaryPart = (ctx: PrimaryContext) => PrimaryAnswer | Promise<PrimaryAnswer>;
export function definePrimaryPart(part: PrimaryPart): PrimaryPart {
  return part;
}

// The steps of a scenario and their requests: harness/steps.ts.
export * from './steps.js';
import type { Scenario, ScenarioParams } from './steps.js';


export interface VariantSpec {
  summary: string;
  /** True when the variant keeps its state in the shared store (so `--store` applies to it). */
  store?: boolean;
  /** The variant is a command that starts a server of its own (any stack), not an Express factory: harness/command-host.ts. */
  command?: CommandSpec;
}

/**
 * A variant as a command that starts a server with N workers (gunicorn, a node:cluster script...).
 * In `argv`, `env` and `cwd` the harness fills in `{port}`, `{workers}`, `{maxRequests}` (the
 * --restart-every K, else 0), `{file}`, `{dir}` and `{name}` (the variant's source file: its path, its
 * folder, its name without extension), `{redisUrl}` and `{redisPrefix}` (empty without a store).
 */
export interface CommandSpec {
  /** The variant's source file, relative to the lab's folder (a mutant replaces it with its own). */
  source: string;
  argv: string[];
  /** Relative to the lab's source folder (default: that folder). */
  cwd?: string;
  env?: Record<string, string>;
  /**
   * How the harness knows the server is ready: a line (regular expression) that it prints once per
   * worker, its group 1 the worker's PID (gunicorn's "Booting worker with pid: N"); without one, the
   * port answering a GET of `path`.
   */
  ready: { workerLine: string } | { path: string };
  /** The response header in which the app names the worker (its PID); without one, workers are "unknown". */
  workerHeader?: string;
  /** A command that exits 0 when what the server needs is installed, and the one line to print when not. */
  requires?: { argv: string[]; missing: string };
}

/** A fault injected during the run: none, workers retired and replaced (--restart-every), or one SIGKILLed (--kill-worker). */
export type Fault = 'none' | 'restart' | 'kill';

/** One cell of the matrix: which variant, under how many workers and hosts, with which store and fault. */
export interface CellKey {
  variant: string;
  workers: number;
  hosts: number;
  store: StoreKind | 'none';
  fault: Fault;
  /** Store latency of this cell, `MIN-MAX` in ms (--store-latency, or the latency cell of a store variant), or `none`. */
  latency: string;
}

/** State in process memory is split, or lost, when more than one process serves (workers x hosts), or a worker is replaced (a fault). */
export const severalProcesses = (cell: CellKey): boolean => cell.workers * cell.hosts > 1 || cell.fault !== 'none';
/**
 * What a fix that keeps its state in the shared store must show: `ok`, except on several hosts with
 * the `primary` store, which lives on one machine (each host has its own): `lost` there; Redis holds.
 */
export const sharedStoreVerdict = (cell: CellKey): Verdict => (cell.hosts > 1 && cell.store === 'primary' ? 'lost' : 'ok');

export interface LabSpec {
  title: string;
  /** One line for `npm run lab`. */
  summary: string;
  /** The seed text this lab comes from (a file name in the seeds folder), or the real package it shows. */
  source: string;
  variants: Record<string, VariantSpec>;
  /** The verdict each cell must have: this is the lab's regression contract. */
  expected: (cell: CellKey) => Verdict;
  checker: Checker;
  scenario: (params: ScenarioParams) => Scenario;
  /**
   * Commands that show the bug by hand against `npm run lab serve` (curl opens a new connection per
   * call, so calls land on different workers). `{url}` and `{dataDir}` are filled in.
   */
  tryIt?: string[];
  /**
   * Three hints for a participant writing the fix (`npm run lab try`), each one step closer: the
   * question to ask yourself, where the state lives, the shape of the fix. Never the fixed code.
   */
  hints?: string[];
  /** Writes the initial data into the run's data folder before any worker starts. */
  prepare?: (dataDir: string) => Promise<void>;
  defaults: {
    requests: number;
    connections: number;
    /**
     * Requests of the main load in a latency cell (default: `requests`). Every store operation there
     * waits up to DEFAULT_LATENCY's max, so a smaller load keeps the cell as short as the others.
     */
    latencyRequests?: number;
  };
  /**
   * True when the lab's cells mostly wait after their load (for node-cron's next tick, say), idle
   * rather than busy: the matrix then overlaps them, starting the next cell's cluster as soon as the
   * running cell waits (its first `outside` or `pause` step after its last load), so that one cell's start-up and load fill another's wait
   * (harness/lanes.ts). The scenario must leave its verdicts slack for a busy machine, as every
   * scenario must. Default: one cell after another (and always with a fixed --port).
   */
  cellsWait?: boolean;
}

export interface Lab extends LabSpec {
  /** The folder name, which is the lab's name. */
  name: string;
  /** The lab's folder (sources or build): its variants, and its `mutants/`. */
  folder: string;
  /** file: URL of a variant's module, `<lab folder>/<variant>.ts`. */
  variantModule: (variant: string) => string;
}

export function defineLab(indexUrl: string, spec: LabSpec): Lab {
  const folder = dirname(fileURLToPath(indexUrl));
  const ext = extname(fileURLToPath(indexUrl));
  return {
    ...spec,
    name: basename(folder),
    folder,
    // Same extension as the index: `.ts` from sources, `.js` from a compiled build. A command
    // variant's source (a .py file, say) is never compiled: it is always the one in the sources.
    variantModule: (variant) => {
      const command = spec.variants[variant]?.command;
      return command ? pathToFileURL(join(sourcePathOf(folder), command.source)).href : new URL(`./${variant}${ext}`, indexUrl).href;
    },
  };
}
