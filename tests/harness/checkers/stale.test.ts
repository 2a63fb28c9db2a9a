import { describe, expect, it } from 'vitest';
import { staleChecker } from '../../../harness/checkers/stale.js';
import { op, read } from '../../helpers/history.js';

const write = (version: number, at: number, done = at + 2) => op('write', at, done, { value: version, worker: null, outside: true });

describe('staleChecker', () => {
  it('is ok when every read after a write sees it', () => {
    const result = staleChecker([read(0, 1, 1), write(2, 10), read(20, 21, 2, '1'), read(22, 23, 2, '2')]);
    expect(result.verdict).toBe('ok');
    expect(result.counts).toMatchObject({ writes: 1, reads: 3, readsAfterWrite: 2, stale: 0, worstStalenessMs: 0 });
  });

  it('is stale when a read that began after a write returns an older version, with the worst staleness', () => {
    const result = staleChecker([write(2, 10), read(20, 21, 1, '1'), read(500, 501, 1, '2'), read(600, 601, 2, '3')]);
    expect(result.verdict).toBe('stale');
    expect(result.anomalies).toEqual(['stale']);
    expect(result.counts).toMatchObject({ stale: 2, worstStalenessMs: 488, staleWorkers: 2 });
    expect(result.examples[0]).toBe('read on worker 2 saw version 1, 488 ms after version 2 was written');
  });

  it('does not judge a read concurrent with the write', () => {
    expect(staleChecker([write(2, 10, 30), read(20, 25, 1), read(40, 41, 2)]).verdict).toBe('ok');
  });

  it('measures staleness from the first write that made the value out of date', () => {
    const result = staleChecker([write(2, 0, 10), write(3, 100, 110), read(200, 201, 1)]);
    expect(result.counts.worstStalenessMs).toBe(190);
    expect(result.examples[0]).toBe('read on worker 1 saw version 1, 190 ms after version 2 (now 3) was written');
  });

  it('does not call stale the value of a concurrent write that may have landed last', () => {
    // Writes of 5 and 3 overlap: either may be the last one, so a later read of 3 (or of 5) is fine.
    expect(staleChecker([write(5, 0, 20), write(3, 10, 30), read(40, 41, 3), read(42, 43, 5)]).verdict).toBe('ok');
    // A write that began after the write of 3 had completed does replace it.
    const result = staleChecker([write(3, 0, 10), write(5, 20, 30), read(40, 41, 3)]);
    expect(result.verdict).toBe('stale');
    expect(result.examples[0]).toBe('read on worker 1 saw version 3, 10 ms after version 5 was written');
  });

  it('lets an indeterminate write land at any time', () => {
    const unsure = op('write', 15, null, { value: 3, outcome: 'info', worker: null });
    expect(staleChecker([write(2, 0, 10), unsure, read(40, 41, 3), read(42, 43, 2)]).verdict).toBe('ok');
  });

  it('is stale when only a later change is missed (a watcher that fires once)', () => {
    // Right after version 2 every read sees it; after version 3 one worker still serves 2.
    const history = [
      read(0, 1, 1, '1'), write(2, 10), read(13, 14, 2, '1'), read(15, 16, 2, '2'),
      write(3, 100), read(103, 104, 3, '1'), read(105, 106, 2, '2'),
    ];
    const result = staleChecker(history);
    expect(result.verdict).toBe('stale');
    expect(result.counts).toMatchObject({ writes: 2, stale: 1, worstStalenessMs: 3, staleWorkers: 1 });
    expect(result.examples).toEqual(['read on worker 2 saw version 2, 3 ms after version 3 was written']);
  });

  it('is ok when every change, however many, is seen by every read after it', () => {
    const history = [1, 2, 3].flatMap((k) => [write(k + 1, 100 * k), read(100 * k + 3, 100 * k + 4, k + 1, '1'), read(100 * k + 5, 100 * k + 6, k + 1, '2')]);
    expect(staleChecker([read(0, 1, 1, '1'), ...history]).counts).toMatchObject({ writes: 3, readsAfterWrite: 6, stale: 0 });
  });

  it('is stale when the first read after a change, and only that one, is old (answered before the refresh)', () => {
    const result = staleChecker([read(0, 1, 1, '1'), write(2, 10), read(20, 21, 1, '1'), read(22, 23, 2, '1')]);
    expect(result.verdict).toBe('stale');
    expect(result.counts).toMatchObject({ stale: 1, worstStalenessMs: 8 });
  });

  it('takes an answer without a version (null) for an old value', () => {
    expect(staleChecker([write(2, 10), read(20, 21, null)]).verdict).toBe('stale');
  });

  it('judges very long histories', () => {
    const reads = Array.from({ length: 150_000 }, (_, i) => read(100 + i, 101 + i, 1, String(i % 4)));
    const result = staleChecker([write(2, 10), ...reads]);
    expect(result.counts).toMatchObject({ stale: 150_000, worstStalenessMs: 150_087, staleWorkers: 4 });
  });

  it('is unknown without an acknowledged write or a read after one', () => {
    expect(staleChecker([]).verdict).toBe('unknown');
    expect(staleChecker([read(0, 1, 1)]).verdict).toBe('unknown');
    expect(staleChecker([write(2, 10), read(0, 1, 1)]).verdict).toBe('unknown');
  });
});
