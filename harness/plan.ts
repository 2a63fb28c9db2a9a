// Which cells a matrix runs: the lab's variants under 1 and N workers, on the stores asked for, plus
// a latency cell for each variant with a store. Pure: the options in, the cells out.
import type { CellKey, Fault, Lab } from './contract.js';
import { checkRunOptions, type MatrixOptions } from './options.js';
import { DEFAULT_LATENCY, latencyText } from './store/types.js';

export type { MatrixOptions } from './options.js';

export const faultOf = (options: Pick<MatrixOptions, 'restartEvery' | 'killWorker'>): Fault =>
  options.killWorker ? 'kill' : options.restartEvery ? 'restart' : 'none';

export function planCells(lab: Lab, options: MatrixOptions): CellKey[] {
  checkRunOptions(options, lab);
  const variants = options.variants ?? Object.keys(lab.variants);
  const workerCounts = [...new Set([1, options.workers])];
  const hosts = options.hosts ?? 1;
  // Several hosts are there to compare the stores: the primary store (one per machine) against Redis.
  const stores = options.stores ?? (hosts > 1 ? ['primary', 'redis'] : ['primary']);
  const fault = faultOf(options);
  const given = options.storeLatency === undefined ? 'none' : latencyText(options.storeLatency ?? undefined);
  return variants.flatMap((variant) => {
    if (!lab.variants[variant]!.store) return workerCounts.map((workers) => ({ variant, workers, hosts, store: 'none' as const, fault, latency: 'none' }));
    // A command variant's server reaches only Redis (the primary store lives in our node:cluster
    // primary), and its own Redis client: the harness cannot delay it, so it has no latency cell.
    if (lab.variants[variant]!.command) return workerCounts.map((workers) => ({ variant, workers, hosts, store: 'redis' as const, fault, latency: 'none' }));
    const cells: CellKey[] = workerCounts.flatMap((workers) => stores.map((store) => ({ variant, workers, hosts, store, fault, latency: given })));
    // A slow, out-of-order store shows the fixes that answer before their write was applied. It is a
    // fault of its own: a run with another fault (one at a time) gets no latency cell.
    if (options.storeLatency === undefined && fault === 'none') {
      for (const store of stores) cells.push({ variant, workers: options.workers, hosts, store, fault, latency: latencyText(DEFAULT_LATENCY) });
    }
    return cells;
  });
}
