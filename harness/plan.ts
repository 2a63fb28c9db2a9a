// Which cells a matrix runs: the lab's variants under 1 and N workers, on the stores asked for, plus
// a latency cell for each variant with a store. Pure: the options in, the cells out.
import type { CellKey, Fault, Lab } from './contract.js';
import { HarnessError } from './errors.js';
import { DEFAULT_LATENCY, latencyText, type StoreKind, type StoreLatency } from './store/types.js';

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
