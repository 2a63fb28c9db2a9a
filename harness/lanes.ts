// How a matrix's cells share the machine. One after another by default. Side by side, one lane per
// core, when the caller asks (watch mode's `parallel`: a quicker answer). Overlapped when the lab
// declares that its cells mostly wait (LabSpec.cellsWait, node-cron's next tick): a cell holds its
// lane only for its busy part, its cluster's start-up and its load; then the lane takes the next cell
// while this one waits, reads and stops. Each run of a cell (--repeat) is one job; a cell's runs are
// combined once all are done, and results are handed on (onCellEnd) in plan order.
import type { CellKey } from './contract.js';
import { Cancelled } from './errors.js';
import { combineRuns, type CellResult } from './summary.js';

export interface Lanes {
  /** How many cells may be in their busy part at once. */
  count: number;
  /** A cell frees its lane when it ends, or (a lab whose cells wait) once its load is done. */
  freedAfter: 'end' | 'load';
  /** Plan indexes in the order the cells are taken (default: plan order). */
  order?: number[];
}

/** Runs one job: `busyDone` frees its lane early (a cell whose load is done); `signal` aborts it. */
export type RunJob = (cell: CellKey, busyDone: () => void, signal: AbortSignal) => Promise<CellResult>;

export interface LaneHooks {
  signal?: AbortSignal;
  onCellStart?: (cell: CellKey, index: number, total: number) => void;
  onCellEnd?: (result: CellResult, index: number, total: number) => void;
}

/**
 * Every cell's `repeat` runs through `lanes`, their results in plan order. With `untilMismatch`, no
 * cell is taken after one differs from its expectation (cells already running finish): those not run
 * are left out. A job that throws ends the run: the others are aborted, awaited, and its error thrown.
 */
export async function runInLanes(plan: CellKey[], lanes: Lanes, repeat: number, untilMismatch: boolean, runJob: RunJob, hooks: LaneHooks = {}): Promise<CellResult[]> {
  const queue = (lanes.order ?? plan.map((_, i) => i)).flatMap((i) => Array.from({ length: repeat }, () => i));
  const runs: CellResult[][] = plan.map(() => []);
  const results: Array<CellResult | undefined> = new Array(plan.length);
  // A job that fails aborts the jobs beside it; a caller's abort reaches them all.
  const failed = new AbortController();
  const signal = hooks.signal ? AbortSignal.any([hooks.signal, failed.signal]) : failed.signal;
  let failure: { error: unknown } | undefined;
  let differs = false;
  let handedOn = 0;
  const handOn = (): void => {
    for (; handedOn < plan.length && results[handedOn]; handedOn++) hooks.onCellEnd?.(results[handedOn]!, handedOn, plan.length);
  };
  let free = Math.max(1, lanes.count);
  let laneFreed: () => void = () => {};
  const running = new Set<Promise<void>>();
  const started = new Set<number>();
  for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
    while (free === 0) await new Promise<void>((resolve) => { laneFreed = resolve; });
    if (failure || (untilMismatch && differs)) break;
    if (hooks.signal?.aborted) {
      failure = { error: new Cancelled() };
      break;
    }
    const cell = plan[i]!;
    if (!started.has(i)) {
      started.add(i);
      try {
        hooks.onCellStart?.(cell, i, plan.length);
      } catch (error) {
        // As a job's failure: the cells running beside it are aborted and awaited below.
        failure = { error };
        failed.abort();
        break;
      }
    }
    free--;
    let freed = false;
    const freeLane = (): void => {
      if (freed) return;
      freed = true;
      free++;
      laneFreed();
    };
    const job: Promise<void> = runJob(cell, lanes.freedAfter === 'load' ? freeLane : () => {}, signal).then((result) => {
      runs[i]!.push(result);
      if (runs[i]!.length < repeat) return;
      results[i] = combineRuns(runs[i]!);
      if (!results[i]!.matches) differs = true;
      handOn();
    }).catch((error: unknown) => {
      // The job failed, or a hook did while handed its result: the run ends either way.
      failure ??= { error };
      failed.abort();
    }).finally(() => {
      running.delete(job);
      freeLane();
    });
    running.add(job);
  }
  await Promise.all(running);
  if (failure) throw failure.error;
  // Cells left out (untilMismatch) leave gaps: the results after a gap are handed on too.
  const done = results.flatMap((r, i) => (r ? [{ r, i }] : []));
  for (const { r, i } of done) if (i >= handedOn) hooks.onCellEnd?.(r, i, plan.length);
  return done.map(({ r }) => r);
}
