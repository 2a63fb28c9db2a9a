// The options of a run, one type and one validator for the command line and the library alike (as
// autocannon validates its options in one place for both): scripts/options.ts turns argv into these,
// and planCells() / serveLab() check them again, so that a library caller gets the same one-line errors.
import type { Lab } from './contract.js';
import { HarnessError } from './errors.js';
import { STORE_KINDS, type StoreKind, type StoreLatency } from './store/types.js';

export const LIMITS = { latencyMs: 10_000, workers: 32, hosts: 8, requests: 1_000_000, connections: 1_000, port: 65_535, repeat: 100, restartEvery: 1_000_000 } as const;

export interface RunOptions {
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
  /** Run the cells at the same time rather than one after another (watch mode: a quicker answer; the verdicts do not depend on speed). */
  parallel?: boolean;
  /**
   * Stop at the first cell that does not have its expected verdict (the cells likeliest to differ
   * first, several processes before one; no cell is started after one differed, cells already running
   * finish): enough to know the matrix does not match — a mutant is killed, a bug still shows — for a
   * fraction of the time.
   */
  untilMismatch?: boolean;
}

/** The name the matrix's own code uses for them. */
export type MatrixOptions = RunOptions;

const COUNTS = { workers: 'workers', hosts: 'hosts', requests: 'requests', connections: 'connections', port: 'port', restartEvery: 'restart-every', repeat: 'repeat' } as const;

/** Each number whole, positive and within its limit. */
function checkCount(flag: string, value: number | undefined, max: number): void {
  if (value === undefined) return;
  if (!Number.isSafeInteger(value) || value < 1) throw new HarnessError(`--${flag} must be a positive whole number, not "${value}"`);
  if (value > max) throw new HarnessError(`--${flag} must be at most ${max.toLocaleString('en-US')} (got ${value.toLocaleString('en-US')})`);
}

export function checkLatency(latency: StoreLatency | null | undefined): void {
  if (!latency) return;
  const { min, max } = latency;
  if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min < 0) throw new HarnessError(`--store-latency must be whole milliseconds from 0, not ${min}-${max}`);
  if (max < min) throw new HarnessError(`--store-latency ${min}-${max}: the maximum (${max}) is below the minimum (${min})`);
  if (max > LIMITS.latencyMs) throw new HarnessError(`--store-latency must be at most ${LIMITS.latencyMs.toLocaleString('en-US')} ms (got ${max.toLocaleString('en-US')})`);
}

/**
 * Throws a one-line HarnessError for options no run can honour; with `lab`, also for those this lab
 * cannot (a variant it does not have, a restart that its load would never reach).
 */
export function checkRunOptions(options: RunOptions, lab?: Lab): void {
  for (const [key, flag] of Object.entries(COUNTS) as Array<[keyof typeof COUNTS, string]>) checkCount(flag, options[key] as number | undefined, LIMITS[key]);
  const badStore = options.stores?.find((s) => !STORE_KINDS.includes(s as StoreKind));
  if (badStore !== undefined) throw new HarnessError(`--store must be ${STORE_KINDS.join(' or ')} (or both, comma-separated), not "${badStore}"`);
  if (options.variants?.length === 0) throw new HarnessError('--variant needs at least one variant name');
  checkLatency(options.storeLatency);
  if (options.killWorker && options.restartEvery) throw new HarnessError('choose one fault at a time: --restart-every or --kill-worker');
  if (!lab) return;
  const unknownVariant = options.variants?.find((v) => !Object.hasOwn(lab.variants, v));
  if (unknownVariant !== undefined) throw new HarnessError(`lab ${lab.name} has no variant "${unknownVariant}" (it has ${Object.keys(lab.variants).join(', ')})`);
  const command = (options.variants ?? Object.keys(lab.variants)).find((v) => lab.variants[v]!.command && lab.variants[v]!.store);
  if (command && options.stores?.includes('primary')) {
    throw new HarnessError(`--store primary cannot reach variant ${command} of ${lab.name}: it is a command, a server of its own, and the primary store lives in the harness's node:cluster primary; use --store redis`);
  }
  if (command && options.storeLatency) throw new HarnessError(`--store-latency cannot reach variant ${command} of ${lab.name}: a command's server talks to Redis with its own client`);
  const requests = options.requests ?? lab.defaults.requests;
  if (options.restartEvery && options.restartEvery >= requests) {
    throw new HarnessError(`--restart-every ${options.restartEvery} would never restart a worker: the load sends ${requests} requests (give a smaller K, or more --requests)`);
  }
}
