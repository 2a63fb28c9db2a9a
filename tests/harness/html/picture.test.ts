// What the report keeps of a run: a bounded sample to draw, exact counts, the operations the
// examples name, and the moments workers left.
import { describe, expect, it } from 'vitest';
import { counterChecker } from '../../../harness/checkers/counter.js';
import { setChecker } from '../../../harness/checkers/set.js';
import { exampleOps, MAX_DRAWN_OPS, pictureOf, workersNamed } from '../../../harness/html/picture.js';
import type { Op } from '../../../harness/history.js';
import { increments, op, read } from '../../helpers/history.js';

describe('exampleOps', () => {
  it('reads the workers a sentence names, one or several, with host-qualified ids', () => {
    expect(workersNamed('read on worker 3 saw 21 after 400 increments')).toEqual(['3']);
    expect(workersNamed('happened 4 times; due on workers 1, 2, 3 and 4')).toEqual(['1', '2', '3', '4']);
    expect(workersNamed('added on worker h1.w2; reads on worker(s) h2.w1, h2.w3 do not show it.')).toEqual(['h1.w2', 'h2.w1', 'h2.w3']);
    expect(workersNamed('no read succeeded, so there is nothing to judge')).toEqual([]);
  });

  it('finds the read a counter example names: its worker and the value it saw, not a read of another worker', () => {
    const history = [...increments(100, 0, ['1', '2']), read(200, 201, 50, '1'), read(202, 203, 50, '2'), read(204, 205, 49, '2')];
    const { examples } = counterChecker(history);
    expect(examples[0]).toBe('read on worker 2 saw 49 after 100 increments were acknowledged');
    expect(exampleOps(examples[0]!, history)).toEqual([history.at(-1)]);
    expect(exampleOps(examples[1]!, history)).toEqual([history.at(-3)]);
  });

  it("finds the add a set example names (user, item, worker) and the read that missed it, and nothing for a sentence that names no worker", () => {
    const history: Op[] = [
      op('add', 0, 1, { user: 'ann', value: 'milk', worker: '1' }),
      op('add', 2, 3, { user: 'bob', value: 'eggs', worker: '2' }),
      op('read', 4, 5, { user: 'ann', seen: [], worker: '2' }),
      op('read', 6, 7, { user: 'bob', seen: ['eggs'], worker: '2' }),
    ];
    const { examples } = setChecker(history);
    expect(examples).toEqual(['user ann added item milk on worker 1; 1 later read(s) by ann on worker(s) 2 do not show it']);
    expect(exampleOps(examples[0]!, history)).toEqual([history[0], history[2]]);
    expect(exampleOps('no read succeeded, so there is nothing to judge', history)).toEqual([]);
  });

  it('finds, on each worker named, the operation with the value the sentence names (a key with spaces)', () => {
    const due = (worker: string, key: string, t: number) => op('due', t, t, { worker, value: key });
    const history = [due('1', 'the digest of 06:21:00', 0), ...['1', '2', '3'].map((w, i) => due(w, 'the digest of 06:21:01', 10 + i)), due('2', 'the digest of 06:21:02', 20)];
    expect(exampleOps('the digest of 06:21:01 happened 3 times, where once was due; due on workers 1, 2, 3', history)).toEqual(history.slice(1, 4));
  });
});

describe('pictureOf', () => {
  it('keeps a small history whole', () => {
    const history = [...increments(10, 0, ['1', '2']), read(20, 21, 10, '1')];
    const picture = pictureOf({ history, exits: [] }, []);
    expect(picture.ops).toEqual(history);
    expect(picture.total).toBe(11);
    expect(picture.spanMs).toBe(21);
  });

  it('samples a long history to the bound, keeping every failure, the rare reads and the examples, with exact series', () => {
    const incrs = increments(30_000, 0, ['1', '2', '3', '4']);
    const lost = [op('incr', 30_001, null, { value: 1, worker: null }), op('incr', 30_002, 30_003, { value: 1, outcome: 'fail', status: 400, worker: '3' })];
    const reads = Array.from({ length: 40 }, (_, i) => read(30_100 + i, 30_101 + i, 7_500, String((i % 4) + 1)));
    const history = [...incrs, ...lost, ...reads];
    const result = counterChecker(history);
    const picture = pictureOf({ history, exits: [] }, result.examples);
    expect(picture.total).toBe(30_042);
    expect(picture.ops.length).toBeGreaterThan(MAX_DRAWN_OPS / 2);
    expect(picture.ops.length).toBeLessThanOrEqual(MAX_DRAWN_OPS + 100);
    for (const o of [...lost, ...reads]) expect(picture.ops).toContain(o);
    expect(picture.exampleOps.length).toBe(result.examples.length);
    expect(picture.exampleOps.flat().length).toBe(result.examples.length);
    for (const index of picture.exampleOps.flat()) expect(picture.ops.some((o) => o.index === index)).toBe(true);
    // Counts stay exact: the incr series ends at what was attempted (ok or no answer) and acknowledged.
    const series = picture.series.find((s) => s.op === 'incr')!;
    expect(series.attempted.at(-1)).toBe(30_001);
    expect(series.acknowledged.at(-1)).toBe(30_000);
    expect(picture.ops.map((o) => o.index)).toEqual([...picture.ops.map((o) => o.index)].sort((a, b) => a - b));
  });

  it('marks a worker that left at its last answer, with the reason', () => {
    const history = [...increments(10, 0, ['1', '2']), op('incr', 30, 41, { value: 1, worker: '2' }), op('incr', 50, 52, { value: 1, worker: '5' })];
    const picture = pictureOf({ history, exits: [{ id: '2', code: null, signal: 'SIGKILL', reason: 'killed' }] }, []);
    expect(picture.faults).toEqual([{ worker: '2', reason: 'killed', at: 41 }]);
  });
});
