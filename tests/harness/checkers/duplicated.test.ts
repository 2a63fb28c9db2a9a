import { describe, expect, it } from 'vitest';
import { duplicatedChecker } from '../../../harness/checkers/duplicated.js';
import { op } from '../../helpers/history.js';

// `due(key, at)`: an effect asked for at t=at, acknowledged at at+1 (or as `fields` say);
// `effects(keys, at)`: the final read, listing every effect that happened.
const due = (key: string, at: number, fields = {}) => op('due', at, at + 1, { value: key, ...fields });
const effects = (keys: string[], at = 100, worker = '1') => op('effects', at, at + 1, { seen: keys, worker });
const info = { outcome: 'info' as const, complete: null, status: null };
const refused = { outcome: 'fail' as const, status: 409 };

describe('duplicatedChecker (effects that must happen once, after Jepsen set-full)', () => {
  it('is ok when every due effect happened exactly once', () => {
    const result = duplicatedChecker([due('t1', 0), due('t2', 10, { worker: '2' }), effects(['t2', 't1'])]);
    expect(result.verdict).toBe('ok');
    expect(result.anomalies).toEqual([]);
    expect(result.counts).toMatchObject({ due: 2, required: 2, happened: 2, duplicated: 0, extra: 0, lost: 0 });
    expect(result.examples).toEqual([]);
  });

  it('is duplicated when an effect happened more than once, and says how often and where it was due', () => {
    const result = duplicatedChecker([due('t1', 0, { worker: '1' }), due('t1', 0, { worker: '3' }), due('t2', 10), effects(['t1', 't1', 't1', 't2'])]);
    expect(result.verdict).toBe('duplicated');
    expect(result.anomalies).toEqual(['duplicated']);
    expect(result.counts).toMatchObject({ due: 2, duplicated: 1, extra: 2, lost: 0 });
    expect(result.examples).toEqual(['t1 happened 3 times, where once was due; due on workers 1, 3']);
  });

  it('is lost when an acknowledged effect never happened; lost comes first when both are found', () => {
    const result = duplicatedChecker([due('t1', 0), due('t2', 10, { worker: '2' }), effects(['t2', 't2'])]);
    expect(result.verdict).toBe('lost');
    expect(result.anomalies).toEqual(['lost', 'duplicated']);
    expect(result.counts).toMatchObject({ duplicated: 1, lost: 1 });
    expect(result.examples).toEqual(['t2 happened 2 times, where once was due; due on worker 2', 't1 was due, and never happened; due on worker 1']);
  });

  it('lets an indeterminate effect be missing, but never doubled', () => {
    const missing = duplicatedChecker([due('t1', 0), due('t2', 10, info), effects(['t1'])]);
    expect(missing.verdict).toBe('ok');
    expect(missing.counts).toMatchObject({ required: 1, indeterminate: 1, lost: 0 });
    const once = duplicatedChecker([due('t1', 0), due('t2', 10, info), effects(['t1', 't2'])]);
    expect(once.verdict).toBe('ok');
    const doubled = duplicatedChecker([due('t1', 0), due('t2', 10, info), effects(['t1', 't2', 't2'])]);
    expect(doubled.verdict).toBe('duplicated');
    expect(doubled.examples).toEqual(['t2 happened 2 times, where once was due; due on worker 1']);
  });

  it('requires a retried effect once if any attempt was acknowledged, and still only once', () => {
    const history = [due('order-7', 0, info), due('order-7', 5, { ...refused, worker: '2' }), due('order-7', 10, { worker: '3' })];
    expect(duplicatedChecker([...history, effects([])]).verdict).toBe('lost');
    expect(duplicatedChecker([...history, effects(['order-7'])]).verdict).toBe('ok');
    expect(duplicatedChecker([...history, effects(['order-7', 'order-7'])]).verdict).toBe('duplicated');
  });

  it('is duplicated when an effect happened although every request for it was refused', () => {
    const result = duplicatedChecker([due('t1', 0), due('order-9', 5, refused), effects(['t1', 'order-9'])]);
    expect(result.verdict).toBe('duplicated');
    expect(result.examples).toEqual(['order-9 happened once, and every request for it was refused; due on worker 1']);
    expect(duplicatedChecker([due('t1', 0), due('order-9', 5, refused), effects(['t1'])]).verdict).toBe('ok');
  });

  it('judges the last read only, and does not require an effect acknowledged after that read began', () => {
    const result = duplicatedChecker([due('t1', 0), effects([], 5), due('t2', 20), effects(['t1', 't2'], 30), due('t3', 35)]);
    expect(result.verdict).toBe('ok');
    expect(result.counts).toMatchObject({ required: 2, indeterminate: 1 });
    const earlierReadSawIt = duplicatedChecker([due('t1', 0), effects(['t1'], 5), due('t2', 20), effects(['t2'], 30)]);
    expect(earlierReadSawIt.verdict).toBe('lost');
    expect(earlierReadSawIt.examples).toEqual(['t1 was due, and never happened; due on worker 1']);
  });

  it('does not judge effects nobody asked for, and counts them', () => {
    const result = duplicatedChecker([due('t1', 0), effects(['t0', 't0', 't1'])]);
    expect(result.verdict).toBe('ok');
    expect(result.counts).toMatchObject({ unasked: 1 });
  });

  it('is unknown with nothing due or no successful final read, never ok', () => {
    expect(duplicatedChecker([effects(['t1'])]).verdict).toBe('unknown');
    expect(duplicatedChecker([due('t1', 0)]).verdict).toBe('unknown');
    expect(duplicatedChecker([due('t1', 0), op('effects', 5, null, { seen: ['t1'] })]).verdict).toBe('unknown');
    expect(duplicatedChecker([due('t1', 0), effects(['t1'])]).verdict).toBe('ok');
  });
});
