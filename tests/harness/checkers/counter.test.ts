import { describe, expect, it } from 'vitest';
import { counterChecker } from '../../../harness/checkers/counter.js';
import type { Op } from '../../../harness/history.js';
import { increments, op, read } from '../../helpers/history.js';

describe('counterChecker (Jepsen counter semantics)', () => {
  it('is ok when every read sees all acknowledged increments', () => {
    const result = counterChecker([...increments(100), read(200, 201, 100), read(202, 203, 100, '2')]);
    expect(result.verdict).toBe('ok');
    expect(result.anomalies).toEqual([]);
    expect(result.counts).toMatchObject({ acknowledged: 100, attempted: 100, lowestRead: 100, highestRead: 100, lost: 0 });
  });

  it('is lost when a read after the load sees fewer than were acknowledged, and counts how many', () => {
    const history = [...increments(4000, 0, ['1', '2', '3', '4']), read(5000, 5001, 1000, '3'), read(5002, 5003, 4000, '1')];
    const result = counterChecker(history);
    expect(result.verdict).toBe('lost');
    expect(result.anomalies).toEqual(['lost']);
    expect(result.counts).toMatchObject({ acknowledged: 4000, lowestRead: 1000, highestRead: 4000, lost: 3000, lowReads: 1 });
    expect(result.examples).toEqual(['read on worker 3 saw 1,000 after 4,000 increments were acknowledged']);
  });

  it('accepts a read concurrent with increments anywhere between its bounds', () => {
    // 10 increments acknowledged before the read began, 5 more in flight while it ran.
    const history = [...increments(10, 0), ...increments(5, 20), read(15, 30, 12)];
    expect(counterChecker(history).verdict).toBe('ok');
    // ...but not below the 10 acknowledged before it began.
    expect(counterChecker([...increments(10, 0), ...increments(5, 20), read(15, 30, 9)]).verdict).toBe('lost');
  });

  it('reports an over-count (more than was ever attempted) as leaked', () => {
    const result = counterChecker([...increments(50), read(100, 101, 75, '2')]);
    expect(result.verdict).toBe('leaked');
    expect(result.counts).toMatchObject({ overcounted: 25, highReads: 1, lost: 0 });
    expect(result.examples[0]).toBe('read on worker 2 saw 75, but only 50 increments had been attempted');
  });

  it('lets an indeterminate increment count or not, but never a failed one', () => {
    const unsure = op('incr', 50, null, { value: 1 });
    const refused = op('incr', 60, 61, { value: 1, outcome: 'fail', status: 409 });
    expect(counterChecker([...increments(10), unsure, read(100, 101, 11)]).verdict).toBe('ok');
    expect(counterChecker([...increments(10), unsure, read(100, 101, 10)]).verdict).toBe('ok');
    expect(counterChecker([...increments(10), refused, read(100, 101, 11)]).verdict).toBe('leaked');
    expect(counterChecker([...increments(10), unsure, refused, read(100, 101, 10)]).counts).toMatchObject({ attempted: 11, acknowledged: 10, indeterminate: 1 });
  });

  it('holds a read to the count an increment answered before it began, also when unanswered increments were done', () => {
    // 10 acknowledged, each answering the count it made; 3 more unanswered but done (the 10th answer says 13).
    const answering = (k: number, count: number, worker: string): Op => op('incr', k, k + 1, { value: 1, seen: count, worker });
    const unsure = [0, 1, 2].map((k) => op('incr', 20 + k, null, { value: 1 }));
    const history = [...unsure, ...Array.from({ length: 9 }, (_, k) => answering(30 + k, 4 + k, '1')), answering(40, 13, '2')];
    // A worker answering the last count it saw itself (12): not below the 10 acknowledged, below the 13 answered.
    const stale = counterChecker([...history, read(50, 51, 12, '1')]);
    expect(stale.verdict).toBe('lost');
    expect(stale.counts).toMatchObject({ acknowledged: 10, indeterminate: 3, lost: 1, lowReads: 1 });
    expect(stale.examples).toEqual(['read on worker 1 saw 12, but an increment answered before it began had made the count 13']);
    expect(counterChecker([...history, read(50, 51, 13, '1')]).verdict).toBe('ok');
    // An answer that came only after the read began is no bound for it.
    expect(counterChecker([...history, read(39, 51, 12, '1')]).verdict).toBe('ok');
  });

  it('is unknown, never ok, when there is nothing to judge', () => {
    expect(counterChecker([]).verdict).toBe('unknown');
    expect(counterChecker([read(0, 1, 0)]).verdict).toBe('unknown');
    expect(counterChecker(increments(10)).verdict).toBe('unknown');
    const failedReads = [...increments(10), op('read', 20, 21, { outcome: 'fail', status: 400 }), op('read', 22, null, { outcome: 'info', status: 503 })];
    expect(counterChecker(failedReads).verdict).toBe('unknown');
  });

  it('judges very long histories (no spreading of 200,000 values into Math.max)', () => {
    const reads = Array.from({ length: 200_000 }, (_, i) => read(1000 + i, 1001 + i, i % 2 === 0 ? 100 : 50));
    const result = counterChecker([...increments(100), ...reads]);
    expect(result.verdict).toBe('lost');
    expect(result.counts).toMatchObject({ lowestRead: 50, highestRead: 100, lost: 50, lowReads: 100_000 });
  });

  // Reads before, during and after the increments (the scenario's shape): each read is judged against
  // the increments acknowledged before it began. These are the histories of wrong fixes in miniature.
  describe('reads during the load', () => {
    it('is ok for a correct counter, and reports lowestRead/highestRead of the reads after the load', () => {
      const history = [read(0, 1, 0, '1'), read(1, 2, 0, '2'), ...increments(10, 10, ['1', '2']), read(15, 16, 5, '2'), ...increments(10, 20, ['1', '2']), read(25, 26, 17, '1'), read(100, 101, 20, '1'), read(102, 103, 20, '2')];
      const result = counterChecker(history);
      expect(result.verdict).toBe('ok');
      expect(result.counts).toMatchObject({ reads: 6, readsAfter: 2, lowestRead: 20, highestRead: 20, lost: 0, lowReads: 0 });
    });

    it('without reads after the load, lowestRead/highestRead are over all reads', () => {
      expect(counterChecker([...increments(10), read(5, 20, 7)]).counts).toMatchObject({ readsAfter: 0, lowestRead: 7, highestRead: 7 });
    });

    it('is lost when a worker keeps answering the count it read first (a cache filled once)', () => {
      // Worker 2 read 0 before the load and never asked again; its reads after the load look right only if it refreshed.
      const history = [read(0, 1, 0, '2'), ...increments(20, 10, ['1', '2']), read(25, 26, 0, '2'), read(100, 101, 20, '1')];
      const result = counterChecker(history);
      expect(result.verdict).toBe('lost');
      expect(result.counts).toMatchObject({ lowReads: 1, lost: 14, lowestRead: 20 });
      expect(result.examples).toEqual(['read on worker 2 saw 0 after 14 increments were acknowledged']);
    });

    it('is lost when an increment was acknowledged before the store applied it (a read that began after the answer misses it)', () => {
      // 10 increments answered by t=20; a read invoked at t=21 sees only 8: two were still on their way to the store.
      const history = [...increments(10, 10), read(21, 30, 8, '3'), read(100, 101, 10)];
      const result = counterChecker(history);
      expect(result.verdict).toBe('lost');
      expect(result.examples).toEqual(['read on worker 3 saw 8 after 10 increments were acknowledged']);
      // The same 8, seen by a read that began while the last two were still unanswered, is fine.
      expect(counterChecker([...increments(10, 10), read(17, 30, 8, '3'), read(100, 101, 10)]).verdict).toBe('ok');
    });

    it('is lost when increments wait in a worker for a batch flush after being acknowledged', () => {
      // Every read during the load lags by the unflushed batch (29 and 44 acknowledged before they began);
      // the reads after the load (after the last flush) are right.
      const history = [...increments(50, 0), read(30, 31, 20, '1'), read(45, 46, 40, '2'), read(200, 201, 50, '1'), read(202, 203, 50, '2')];
      const result = counterChecker(history);
      expect(result.verdict).toBe('lost');
      expect(result.counts).toMatchObject({ lowReads: 2, lost: 9, lowestRead: 50, highestRead: 50 });
    });

    it('of two reads short by the same amount, shows the later one (the whole count as its bound) first', () => {
      // 59 increments were acknowledged when the first read began, 100 when the second did: both are 10 short.
      const history = [...increments(100), read(60, 61, 49, '1'), read(200, 201, 90, '1')];
      const result = counterChecker(history);
      expect(result.counts).toMatchObject({ lost: 10, lowReads: 2 });
      expect(result.examples).toEqual(['read on worker 1 saw 90 after 100 increments were acknowledged']);
    });
  });

  it('gives one example per worker, worst first, at most three', () => {
    const history = [...increments(100), read(200, 201, 10, 'a'), read(202, 203, 5, 'a'), read(204, 205, 20, 'b'), read(206, 207, 30, 'c'), read(208, 209, 40, 'd')];
    const result = counterChecker(history);
    expect(result.examples).toHaveLength(3);
    expect(result.examples[0]).toContain('worker a saw 5 ');
    expect(result.counts.lowReads).toBe(5);
  });
});
