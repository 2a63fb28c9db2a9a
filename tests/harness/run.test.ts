// Which cells a matrix runs (planCells is pure): variants x worker counts x stores, and the latency cell;
// and in which order runMatrix runs them when it may stop at the first mismatch; how they share the
// machine (lanesFor), and a lab whose cells wait (scheduled-job) run for real, its cells overlapped.
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { standIn } from '../../harness/mutants.js';
import { lanesFor, planCells, runMatrix } from '../../harness/run.js';
import globalList from '../../labs/global-list/index.js';
import perWorkerCounter from '../../labs/per-worker-counter/index.js';
import scheduledJob from '../../labs/scheduled-job/index.js';

const shape = (cells: ReturnType<typeof planCells>): string[] => cells.map((c) => `${c.variant}@${c.workers} ${c.store} ${c.latency}`);

describe('planCells', () => {
  it('adds one cell under N workers with the default latency (0-50 ms) for each variant with a store', () => {
    expect(shape(planCells(perWorkerCounter, { workers: 4 }))).toEqual([
      'buggy@1 none none', 'buggy@4 none none',
      'naive@1 primary none', 'naive@4 primary none', 'naive@4 primary 0-50',
      'fixed@1 primary none', 'fixed@4 primary none', 'fixed@4 primary 0-50',
    ]);
  });

  it('one latency cell per store when several stores run', () => {
    expect(shape(planCells(globalList, { workers: 2, variants: ['fixed'], stores: ['primary', 'redis'] }))).toEqual([
      'fixed@1 primary none', 'fixed@1 redis none', 'fixed@2 primary none', 'fixed@2 redis none', 'fixed@2 primary 0-50', 'fixed@2 redis 0-50',
    ]);
  });

  it('with --store-latency, every cell with a store has it and no extra cell is added; with none, no cell has it', () => {
    expect(shape(planCells(globalList, { workers: 4, storeLatency: { min: 5, max: 20 } }))).toEqual([
      'buggy@1 none none', 'buggy@4 none none', 'fixed@1 primary 5-20', 'fixed@4 primary 5-20',
    ]);
    expect(shape(planCells(globalList, { workers: 4, storeLatency: null }))).toEqual([
      'buggy@1 none none', 'buggy@4 none none', 'fixed@1 primary none', 'fixed@4 primary none',
    ]);
  });

  it('every cell names its fault and hosts; with another fault (one at a time) there is no latency cell', () => {
    const cells = planCells(globalList, { workers: 2, hosts: 2, killWorker: true, variants: ['fixed'] });
    expect(cells.every((c) => c.fault === 'kill' && c.hosts === 2)).toBe(true);
    expect(shape(cells)).toEqual(['fixed@1 primary none', 'fixed@1 redis none', 'fixed@2 primary none', 'fixed@2 redis none']);
    expect(shape(planCells(globalList, { workers: 2, hosts: 2, variants: ['fixed'] }))).toEqual([
      'fixed@1 primary none', 'fixed@1 redis none', 'fixed@2 primary none', 'fixed@2 redis none', 'fixed@2 primary 0-50', 'fixed@2 redis 0-50',
    ]);
  });
});

describe('runMatrix until a mismatch', () => {
  it('runs the cell likeliest to differ first (several processes before one) and stops there', async () => {
    // buggy.ts standing in for fixed: right in one process (ok@1), wrong in four (lost@4, expected ok).
    const buggyAsFixed = standIn(perWorkerCounter, 'buggy-as-fixed', perWorkerCounter.variantModule('buggy'), { store: false });
    const result = await runMatrix(buggyAsFixed, { workers: 4, untilMismatch: true });
    expect(result.cells.map((c) => [c.workers, c.verdict, c.expected])).toEqual([[4, 'lost', 'ok']]);
    expect(result.matches).toBe(false);
  });
});

describe('lanesFor', () => {
  const lanes = availableParallelism();
  it('one cell after another by default', () => {
    expect(lanesFor(globalList, planCells(globalList, { workers: 4 }), { workers: 4 })).toEqual({ count: 1, freedAfter: 'end' });
  });

  it('a lab whose cells wait (scheduled-job): one lane per core, freed once a cell\'s load is done, in plan order', () => {
    expect(scheduledJob.cellsWait).toBe(true);
    const plan = planCells(scheduledJob, { workers: 4 });
    expect(lanesFor(scheduledJob, plan, { workers: 4 })).toEqual({ count: Math.min(lanes, plan.length), freedAfter: 'load' });
  });

  it('parallel (watch mode): one lane per core, freed at a cell\'s end, the slowest cells first', () => {
    const plan = planCells(perWorkerCounter, { workers: 4 });
    const { count, freedAfter, order } = lanesFor(perWorkerCounter, plan, { workers: 4, parallel: true });
    expect({ count, freedAfter }).toEqual({ count: Math.min(lanes, plan.length), freedAfter: 'end' });
    expect(order!.map((i) => `${plan[i]!.variant}@${plan[i]!.workers} ${plan[i]!.latency}`).slice(0, 3)).toEqual(['naive@4 0-50', 'fixed@4 0-50', 'buggy@4 none']);
  });

  it('a fixed port has room for one cluster: one cell after another, also for a lab whose cells wait', () => {
    const { count, freedAfter } = lanesFor(scheduledJob, planCells(scheduledJob, { workers: 4 }), { workers: 4, port: 4100, parallel: true });
    expect({ count, freedAfter }).toEqual({ count: 1, freedAfter: 'end' });
  });
});

describe('runMatrix, a lab whose cells wait (scheduled-job)', () => {
  it('overlaps its cells, each starting before the one before it is handed on, with the verdicts it expects', async () => {
    const started: number[] = [];
    const ended: number[] = [];
    const result = await runMatrix(scheduledJob, { workers: 2, variants: ['buggy', 'first-instance'] }, {
      onCellStart: (_cell, i) => { started[i] = performance.now(); },
      onCellEnd: (_result, i) => { ended[i] = performance.now(); },
    });
    expect(result.cells.map((c) => `${c.variant}@${c.workers} ${c.verdict}`)).toEqual(['buggy@1 ok', 'buggy@2 duplicated', 'first-instance@1 ok', 'first-instance@2 ok']);
    expect(result.matches).toBe(true);
    // A cell waits at least SETTLE_MS for its tick after its load, and the next one starts at that load's end.
    for (let i = 1; i < result.cells.length; i++) expect(started[i], `cell ${i} started before cell ${i - 1} ended`).toBeLessThan(ended[i - 1]!);
  });
});
