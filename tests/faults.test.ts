// Faults (Jepsen's nemesis, in small): workers retired and replaced (--restart-every) or SIGKILLed
// mid-load (--kill-worker). Fixed variants must lose no acknowledged write; buggy verdicts still hold.
// Single cells (runCell) keep this file fast; the whole matrices run by hand with --repeat.
import { describe, expect, it } from 'vitest';
import type { Fault } from '../harness/contract.js';
import { runCell, runMatrix, type MatrixOptions } from '../harness/run.js';
import { catalog } from '../labs/index.js';

const lab = (name: string) => catalog.find((l) => l.name === name)!;
const cell = (labName: string, variant: string, workers: number, fault: Fault, options: Partial<MatrixOptions> = {}) => {
  const l = lab(labName);
  const store = l.variants[variant]!.store ? 'primary' : 'none';
  return runCell(l, { variant, workers, hosts: 1, store, fault, latency: 'none' }, { workers, ...options });
};

describe('--kill-worker', () => {
  it('per-worker-counter: fixed loses no acknowledged increment; what the kill left unanswered is indeterminate', async () => {
    // 2,000 increments (the lab's default is 400): the load must still be running well after the kill
    // lands, so that the killed worker has requests in flight whatever the machine's speed.
    const fixed = await cell('per-worker-counter', 'fixed', 4, 'kill', { killWorker: true, requests: 2000 });
    expect(fixed).toMatchObject({ verdict: 'ok', matches: true, exits: { crashed: 0, killed: 1, retired: 0 } });
    expect(fixed.counts.lost).toBe(0);
    expect(fixed.counts.lowestRead).toBeGreaterThanOrEqual(fixed.counts.acknowledged!);
    expect(fixed.counts.highestRead).toBeLessThanOrEqual(fixed.counts.attempted!);
    expect(fixed.indeterminate).toBeGreaterThan(0);
  });

  it('per-worker-counter: buggy is still lost', async () => {
    const buggy = await cell('per-worker-counter', 'buggy', 4, 'kill', { killWorker: true });
    expect(buggy).toMatchObject({ verdict: 'lost', matches: true, exits: { killed: 1 } });
  });

  it('global-list: the fixed lists keep every acknowledged item', async () => {
    const fixed = await cell('global-list', 'fixed', 2, 'kill', { killWorker: true });
    expect(fixed).toMatchObject({ verdict: 'ok', exits: { killed: 1 } });
    expect(fixed.counts.lost).toBe(0);
  });
});

describe('--restart-every', () => {
  it('per-worker-counter: a retired worker takes its count with it (buggy@1 is lost), the store keeps it', async () => {
    const buggy = await cell('per-worker-counter', 'buggy', 1, 'restart', { restartEvery: 200, requests: 800 });
    expect(buggy).toMatchObject({ verdict: 'lost', expected: 'lost' });
    expect(buggy.exits.retired).toBeGreaterThanOrEqual(1);
    const fixed = await cell('per-worker-counter', 'fixed', 2, 'restart', { restartEvery: 200, requests: 800 });
    expect(fixed).toMatchObject({ verdict: 'ok', expected: 'ok' });
    expect(fixed.exits.retired).toBeGreaterThanOrEqual(1);
  });

  it('module-load-read: buggy is still stale, although restarted workers may read the new value', async () => {
    const buggy = await cell('module-load-read', 'buggy', 2, 'restart', { restartEvery: 100 });
    expect(buggy).toMatchObject({ verdict: 'stale', matches: true });
    expect(buggy.exits.retired).toBeGreaterThanOrEqual(1);
  });

  it('static-cache: each fresh worker poisons its own cache, so buggy still leaks', async () => {
    const buggy = await cell('static-cache', 'buggy', 1, 'restart', { restartEvery: 200 });
    expect(buggy).toMatchObject({ verdict: 'leaked', matches: true });
    expect(buggy.exits.retired).toBeGreaterThanOrEqual(1);
  });
});

describe('--repeat', () => {
  it('runs each cell R times and reports how often each verdict came', async () => {
    const result = await runMatrix(lab('per-worker-counter'), { workers: 1, variants: ['fixed'], repeat: 3, requests: 300, storeLatency: null });
    expect(result.cells).toHaveLength(1);
    for (const c of result.cells) {
      expect(c.runs).toBe(3);
      expect(c.flaky).toBe(false);
      expect(c.verdicts).toEqual({ [c.expected]: 3 });
    }
    expect(result.matches).toBe(true);
  });
});
