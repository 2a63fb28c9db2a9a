// Which cells a matrix runs (planCells is pure): variants x worker counts x stores, and the latency cell;
// and in which order runMatrix runs them when it may stop at the first mismatch.
import { describe, expect, it } from 'vitest';
import { standIn } from '../../harness/mutants.js';
import { planCells, runMatrix } from '../../harness/run.js';
import globalList from '../../labs/global-list/index.js';
import perWorkerCounter from '../../labs/per-worker-counter/index.js';

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
