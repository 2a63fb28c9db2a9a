import { describe, expect, it } from 'vitest';
import { growthChecker } from '../../../harness/checkers/growth.js';
import { op } from '../../helpers/history.js';

const MB = 1_000_000;
const probe = (worker: string, served: number, heapUsed: number, at = served) => op('heap', at, at + 1, { worker, seen: { served, heapUsed } });
const check = growthChecker({ boundBytesPerRequest: 2048, warmUpRequests: 100, minRequests: 200 });

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
});
