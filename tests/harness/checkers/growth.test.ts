import { describe, expect, it } from 'vitest';
import { growthChecker } from '../../../harness/checkers/growth.js';
import { op } from '../../helpers/history.js';

const MB = 1_000_000;
const probe = (worker: string, served: number, heapUsed: number, at = served) => op('heap', at, at + 1, { worker, seen: { served, heapUsed } });
const check = growthChecker({ boundBytesPerRequest: 2048, warmUpRequests: 100, minRequests: 200 });
/** A count the app reports (listeners on an emitter), asked right after a heap probe of the same worker. */
const count = (worker: string, at: number, listeners: number) => op('retained', at, at + 1, { worker, value: 'listeners on the settings', seen: listeners });
/** One probe round on one worker: the heap at `served` requests (at time `at`), then the count. */
const round = (worker: string, at: number, served: number, heapUsed: number, listeners: number) =>
  [probe(worker, served, heapUsed, at), count(worker, at + 2, listeners)];

describe('growthChecker (retained heap per request served, per worker)', () => {
  it('is ok when the heap stays nearly flat, and reports each worker\'s bytes per request', () => {
    const result = check([probe('1', 100, 10 * MB), probe('2', 100, 10 * MB), probe('1', 1100, 10.3 * MB), probe('2', 600, 10.1 * MB)]);
    expect(result.verdict).toBe('ok');
    expect(result.counts).toMatchObject({ boundBytesPerRequest: 2048, workersProbed: 2, workersJudged: 2, workersGrown: 0, bytesPerRequest: 300, 'bytesPerRequest.1': 300, 'bytesPerRequest.2': 200 });
    expect(result.examples).toEqual([]);
  });

  it('is grew when a worker keeps more than the bound per request, and names it', () => {
    const result = check([probe('3', 1000, 12 * MB), probe('3', 5000, 24 * MB), probe('1', 1000, 12 * MB), probe('1', 3000, 12.2 * MB)]);
    expect(result.verdict).toBe('grew');
    expect(result.anomalies).toEqual(['grew']);
    expect(result.counts).toMatchObject({ bytesPerRequest: 3000, workersGrown: 1, 'bytesPerRequest.3': 3000, 'bytesPerRequest.1': 100, retainedBytes: 12 * MB });
    expect(result.examples).toEqual(['worker 3 kept 3,000 bytes per request: 12.0 MB after 4,000 requests (bound 2,048)']);
  });

  it('takes the lowest of several probes at the same count: garbage of the last load may still be reachable', () => {
    const result = check([probe('1', 100, 10 * MB), probe('1', 100, 10.4 * MB), probe('1', 600, 10.9 * MB), probe('1', 600, 10.1 * MB)]);
    expect(result.verdict).toBe('ok');
    expect(result.counts.bytesPerRequest).toBe(200);
  });

  it('leaves out the probes a worker answered before its warm-up: a fresh worker compiles its code then', () => {
    // A replacement probed after 6 requests: from there it would look like 2,140 bytes per request.
    const result = check([probe('5', 6, 10 * MB), probe('5', 150, 10.8 * MB), probe('5', 450, 10.95 * MB)]);
    expect(result.verdict).toBe('ok');
    expect(result.counts).toMatchObject({ workersJudged: 1, bytesPerRequest: 500 });
  });

  it('judges from the first warm probe to the last, and leaves out a worker that served too few requests in between', () => {
    // Worker 2 looks like 5 kB per request, over 50 requests: that is GC noise, not evidence.
    const result = check([probe('1', 0, 10 * MB), probe('1', 500, 10.1 * MB), probe('1', 1000, 10.2 * MB), probe('2', 0, 10 * MB), probe('2', 50, 10.25 * MB)]);
    expect(result.verdict).toBe('ok');
    expect(result.counts).toMatchObject({ workersProbed: 2, workersJudged: 1, bytesPerRequest: 200 });
    expect(result.counts['bytesPerRequest.2']).toBeUndefined();
  });

  it('is unknown, never ok, when no worker was probed twice with enough requests in between', () => {
    expect(check([]).verdict).toBe('unknown');
    expect(check([probe('1', 100, 10 * MB)]).verdict).toBe('unknown');
    // Recycled workers: each probed once, by a different id.
    const recycled = check([probe('1', 150, 10 * MB), probe('2', 180, 10 * MB), probe('3', 120, 30 * MB)]);
    expect(recycled.verdict).toBe('unknown');
    expect(recycled.examples[0]).toBe('no warm worker served 200 requests between two heap probes, so there is nothing to judge');
    const failed = op('heap', 10, 11, { outcome: 'info', status: 501, worker: '1' });
    expect(check([probe('1', 0, 10 * MB), failed]).verdict).toBe('unknown');
  });

  describe('counts the app reports (a retained count has no GC noise)', () => {
    it('is grew when a worker\'s listener count rises, though its heap stays well under the byte bound (a WeakRef closure per request)', () => {
      // 120 bytes per request: below the bound, and below a correct worker's GC noise.
      const history = [...round('1', 0, 100, 10 * MB, 0), ...round('1', 10, 600, 10.02 * MB, 0), ...round('1', 20, 1100, 10.12 * MB, 1000)];
      const result = check(history);
      expect(result.verdict).toBe('grew');
      expect(result.counts).toMatchObject({ bytesPerRequest: 120, workersGrown: 0, retainedProbes: 3, workersCounted: 1, retainedGrowth: 1000, workersRetaining: 1, 'retainedGrowth.1': 1000 });
      expect(result.examples).toEqual(['worker 1 kept 1,000 more listeners on the settings after 1,000 requests: 0, then 1,000']);
    });

    it('finds a leak on the failing path only: one listener per rejected request', () => {
      // Worker 2 served 400 requests, 40 of them rejected, each leaving its listener.
      const history = [...round('1', 0, 150, 10 * MB, 0), ...round('2', 1, 150, 10 * MB, 15), ...round('1', 10, 550, 10.2 * MB, 0), ...round('2', 11, 550, 10.15 * MB, 55)];
      const result = check(history);
      expect(result.verdict).toBe('grew');
      expect(result.counts).toMatchObject({ workersCounted: 2, workersRetaining: 1, retainedGrowth: 40, 'retainedGrowth.1': 0, 'retainedGrowth.2': 40 });
      expect(result.examples).toEqual(['worker 2 kept 40 more listeners on the settings after 400 requests: 15, then 55']);
    });

    it('is ok when the count stays put, at nothing or at a constant (one module-level listener)', () => {
      const none = check([...round('1', 0, 100, 10 * MB, 0), ...round('1', 10, 900, 10.3 * MB, 0)]);
      expect(none.verdict).toBe('ok');
      expect(none.counts).toMatchObject({ allowedRetainedGrowth: 0, workersCounted: 1, retainedGrowth: 0, workersRetaining: 0 });
      expect(check([...round('1', 0, 100, 10 * MB, 1), ...round('1', 10, 900, 10.3 * MB, 1)]).verdict).toBe('ok');
    });

    it('judges a count from the first warm probe to the last: a count that fell in between and rose again is judged by its ends', () => {
      // `once` listeners: 40 at the first warm probe, cleared by a change, 300 at the end.
      const history = [...round('1', 0, 100, 10 * MB, 40), ...round('1', 10, 200, 10 * MB, 0), ...round('1', 20, 500, 10.1 * MB, 300)];
      expect(check(history).counts['retainedGrowth.1']).toBe(260);
      expect(check(history).verdict).toBe('grew');
    });

    it('allows the growth the lab declares (a cache that is still filling up to its size)', () => {
      const lenient = growthChecker({ boundBytesPerRequest: 2048, warmUpRequests: 100, minRequests: 200, allowedRetainedGrowth: 50 });
      const history = [...round('1', 0, 100, 10 * MB, 10), ...round('1', 10, 600, 10.1 * MB, 60)];
      expect(lenient(history).verdict).toBe('ok');
      const more = lenient([...round('1', 0, 100, 10 * MB, 10), ...round('1', 10, 600, 10.1 * MB, 61)]);
      expect(more.verdict).toBe('grew');
      expect(more.examples).toEqual(['worker 1 kept 51 more listeners on the settings after 500 requests: 10, then 61 (50 allowed)']);
    });

    it('gives a count the served count of the same worker\'s last heap probe before it, and judges the same span as the heap', () => {
      // Worker 1's first round is before its warm-up (served 20): its count there is not the baseline.
      // The counts of worker 2, asked before any heap probe of worker 2, are left out.
      const history = [
        ...round('1', 0, 20, 9 * MB, 0), ...round('1', 10, 120, 10 * MB, 100), ...round('1', 20, 400, 10.1 * MB, 100),
        count('2', 0, 5), probe('2', 100, 10 * MB, 1), probe('2', 400, 10.1 * MB, 11),
      ];
      const result = check(history);
      expect(result.verdict).toBe('ok');
      expect(result.counts).toMatchObject({ workersJudged: 2, workersCounted: 1, retainedGrowth: 0 });
    });

    it('judges nothing (unknown) when recycled workers were never counted twice after their warm-up with enough requests between', () => {
      const recycled = check([...round('1', 0, 150, 10 * MB, 150), ...round('2', 10, 180, 10 * MB, 180), ...round('2', 20, 250, 10.5 * MB, 250)]);
      expect(recycled.verdict).toBe('unknown');
      expect(recycled.counts).toMatchObject({ retainedProbes: 3, workersCounted: 0 });
    });

    it('leaves out a count that is not a number (a failed or odd answer)', () => {
      const odd = op('retained', 12, 13, { worker: '1', seen: 'many' });
      const failed = op('retained', 14, 15, { worker: '1', outcome: 'fail', status: 404, seen: 99 });
      const result = check([...round('1', 0, 100, 10 * MB, 0), probe('1', 900, 10.2 * MB, 10), odd, failed]);
      // Counted, the failed answer would be 99 listeners more at 900 requests: `grew`.
      expect(result.verdict).toBe('ok');
      expect(result.counts).toMatchObject({ retainedProbes: 1, workersCounted: 0 });
    });
  });
});
