import { describe, expect, it } from 'vitest';
import { counterChecker } from '../../../harness/checkers/counter.js';
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

  it('gives one example per worker, worst first, at most three', () => {
    const history = [...increments(100), read(200, 201, 10, 'a'), read(202, 203, 5, 'a'), read(204, 205, 20, 'b'), read(206, 207, 30, 'c'), read(208, 209, 40, 'd')];
    const result = counterChecker(history);
    expect(result.examples).toHaveLength(3);
    expect(result.examples[0]).toContain('worker a saw 5 ');
    expect(result.counts.lowReads).toBe(5);
  });
});
