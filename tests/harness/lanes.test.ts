// How cells share the machine (harness/lanes.ts), on jobs that only wait: when a lane is freed (at a
// cell's end, or once its load is done), results and onCellEnd in plan order, repeats combined,
// untilMismatch, and a failing job that ends the run without leaving the others running.
import { describe, expect, it } from 'vitest';
import type { CellKey } from '../../harness/contract.js';
import { runInLanes, type Lanes, type RunJob } from '../../harness/lanes.js';
import type { CellResult } from '../../harness/summary.js';

const plan: CellKey[] = [1, 2, 3, 4].map((workers) => ({ variant: 'fixed', workers, hosts: 1, store: 'primary', fault: 'none', latency: 'none' }));
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A cell's result as far as lanes.ts reads it: its verdict, and whether that was expected. */
const resultOf = (cell: CellKey, matches = true): CellResult =>
  ({ ...cell, verdict: matches ? 'ok' : 'lost', expected: 'ok', matches, runs: 1, verdicts: { [matches ? 'ok' : 'lost']: 1 }, flaky: false }) as unknown as CellResult;

/** Jobs that are busy for `busyMs` (start-up and load), then wait `waitMs`; each logs when it began and ended. */
function jobs(busyMs: number, waitMs: number, differs = (_cell: CellKey) => false) {
  const log: Array<{ workers: number; began: number; busyDone: number; ended: number }> = [];
  const t0 = Date.now();
  const run: RunJob = async (cell, busyDone) => {
    const entry = { workers: cell.workers, began: Date.now() - t0, busyDone: 0, ended: 0 };
    log.push(entry);
    await sleep(busyMs);
    entry.busyDone = Date.now() - t0;
    busyDone();
    await sleep(waitMs);
    entry.ended = Date.now() - t0;
    return resultOf(cell, !differs(cell));
  };
  return { log, run };
}

const inLanes = (lanes: Lanes, run: RunJob, { repeat = 1, untilMismatch = false } = {}) => runInLanes(plan, lanes, repeat, untilMismatch, run, {});

describe('runInLanes', () => {
  it('one lane freed at the end: one cell after another, in plan order', async () => {
    const { log, run } = jobs(20, 30);
    const results = await inLanes({ count: 1, freedAfter: 'end' }, run);
    expect(results.map((r) => r.workers)).toEqual([1, 2, 3, 4]);
    for (let i = 1; i < log.length; i++) expect(log[i]!.began).toBeGreaterThanOrEqual(log[i - 1]!.ended);
  });

  it('one lane freed after the load: the next cell starts while this one waits, never before its load is done', async () => {
    const { log, run } = jobs(20, 150);
    const results = await inLanes({ count: 1, freedAfter: 'load' }, run);
    expect(results.map((r) => r.workers)).toEqual([1, 2, 3, 4]);
    for (let i = 1; i < log.length; i++) {
      expect(log[i]!.began, `cell ${i} began after the load of cell ${i - 1}`).toBeGreaterThanOrEqual(log[i - 1]!.busyDone);
      expect(log[i]!.began, `cell ${i} began before cell ${i - 1} ended`).toBeLessThan(log[i - 1]!.ended);
    }
  });

  it('two lanes freed at the end: at most two cells at once, taken in the given order', async () => {
    const { log, run } = jobs(10, 40);
    await inLanes({ count: 2, freedAfter: 'end', order: [3, 2, 1, 0] }, run);
    expect(log.map((e) => e.workers)).toEqual([4, 3, 2, 1]);
    const atOnce = (t: number) => log.filter((e) => e.began <= t && t < e.ended).length;
    expect(Math.max(...log.map((e) => atOnce(e.began)))).toBe(2);
  });

  it('hands each cell on (onCellEnd) in plan order, also when a later one ends first', async () => {
    const ended: number[] = [];
    // The first cell waits longest: the others end before it.
    const run: RunJob = async (cell, busyDone) => {
      busyDone();
      await sleep(cell.workers === 1 ? 120 : 10);
      return resultOf(cell);
    };
    await runInLanes(plan, { count: 1, freedAfter: 'load' }, 1, false, run, { onCellEnd: (r, i) => ended.push(i) });
    expect(ended).toEqual([0, 1, 2, 3]);
  });

  it('combines the runs of a repeated cell, and reports a cell whose runs differ as flaky', async () => {
    let calls = 0;
    const run: RunJob = async (cell, busyDone) => {
      busyDone();
      calls++;
      return resultOf(cell, !(cell.workers === 2 && calls % 2 === 0));
    };
    const results = await inLanes({ count: 2, freedAfter: 'load' }, run, { repeat: 3 });
    expect(calls).toBe(12);
    expect(results.map((r) => r.runs)).toEqual([3, 3, 3, 3]);
    expect(results.filter((r) => r.flaky).map((r) => r.workers)).toEqual([2]);
  });

  it('with untilMismatch, takes no cell after one differs (one after another: none after it)', async () => {
    const { log, run } = jobs(5, 5, (cell) => cell.workers === 2);
    const results = await inLanes({ count: 1, freedAfter: 'end' }, run, { untilMismatch: true });
    expect(results.map((r) => [r.workers, r.matches])).toEqual([[1, true], [2, false]]);
    expect(log).toHaveLength(2);
  });

  it('a job that throws ends the run: the cell beside it is aborted and awaited, no further cell is taken, its error is thrown', async () => {
    const began: number[] = [];
    const aborted: number[] = [];
    const run: RunJob = async (cell, busyDone, signal) => {
      began.push(cell.workers);
      if (cell.workers === 2) {
        await sleep(20); // still in its busy part (start-up) when it fails
        throw new Error('port taken');
      }
      busyDone();
      // A cell that waits long, and stops when aborted (as runCell stops its cluster).
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 5000);
        signal.addEventListener('abort', () => {
          clearTimeout(timer);
          aborted.push(cell.workers);
          resolve();
        }, { once: true });
      });
      throw new Error('cancelled');
    };
    const t0 = Date.now();
    await expect(inLanes({ count: 1, freedAfter: 'load' }, run)).rejects.toThrow('port taken');
    expect(began).toEqual([1, 2]);
    expect(aborted).toEqual([1]);
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it('an onCellStart hook that throws ends the run as a failing job does: the cell running is aborted and awaited, its error thrown', async () => {
    const aborted: number[] = [];
    const run: RunJob = async (cell, busyDone, signal) => {
      busyDone();
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => { aborted.push(cell.workers); resolve(); }, { once: true }));
      throw new Error('cancelled');
    };
    const onCellStart = (cell: CellKey): void => { if (cell.workers === 2) throw new Error('the terminal is gone'); };
    await expect(runInLanes(plan, { count: 1, freedAfter: 'load' }, 1, false, run, { onCellStart })).rejects.toThrow('the terminal is gone');
    expect(aborted).toEqual([1]);
  });
});
