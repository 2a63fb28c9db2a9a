import { describe, expect, it } from 'vitest';
import { outcomeOf, spreadOf } from '../../harness/history.js';
import { op } from '../helpers/history.js';

describe('outcomeOf (Jepsen: ok, fail, info)', () => {
  it.each([[200, 'ok'], [201, 'ok'], [204, 'ok'], [400, 'fail'], [401, 'fail'], [409, 'fail'], [500, 'info'], [503, 'info'], [301, 'info']])('%i → %s', (status, outcome) => {
    expect(outcomeOf(status)).toBe(outcome);
  });
});

describe('spreadOf', () => {
  it('counts the answers of each worker, in numeric order (2 before 10, h1.w2 before h1.w10), ignoring unanswered requests', () => {
    const history = [
      op('read', 0, 1, { worker: '10' }), op('read', 1, 2, { worker: '2' }), op('read', 2, 3, { worker: '2' }),
      op('read', 3, null, { worker: null }),
    ];
    expect(Object.entries(spreadOf(history))).toEqual([['2', 2], ['10', 1]]);
    const hosts = [op('read', 0, 1, { worker: 'h1.w10' }), op('read', 0, 1, { worker: 'h2.w1' }), op('read', 0, 1, { worker: 'h1.w2' })];
    expect(Object.keys(spreadOf(hosts))).toEqual(['h1.w2', 'h1.w10', 'h2.w1']);
  });

  it('counts answers that name no worker (a command variant without a worker header) as "unknown"', () => {
    const history = [op('read', 0, 1, { worker: null }), op('read', 1, 2, { worker: null }), op('read', 2, null, { worker: null })];
    expect(spreadOf(history)).toEqual({ unknown: 2 });
  });
});
