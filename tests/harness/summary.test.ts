// summarize(): a cell's result from its run, on hand-made runs (no processes).
import { describe, expect, it } from 'vitest';
import { counterChecker } from '../../harness/checkers/counter.js';
import type { CellKey, Checker } from '../../harness/contract.js';
import { combineRuns, summarize, type CellRun } from '../../harness/summary.js';
import { increments, op, read } from '../helpers/history.js';

const cell: CellKey = { variant: 'fixed', workers: 2, hosts: 1, store: 'primary', fault: 'none', latency: 'none' };
const lab = { checker: counterChecker, expected: () => 'ok' as const };
const runOf = (history: CellRun['history'], extra: Partial<CellRun> = {}): CellRun => ({
  history,
  steps: [{ label: 'load', kind: 'load', ms: 500, requests: 100 }, { label: 'reads', kind: 'fresh', ms: 20, requests: 4 }],
  exits: [],
  startMs: 300.4,
  stopMs: 10.6,
  totalMs: 831,
  ...extra,
});

describe('summarize', () => {
  it('judges the history, compares with the expectation, and counts requests by outcome', () => {
    const history = [
      ...increments(100, 0, ['1', '2']),
      op('incr', 150, 151, { value: 1, outcome: 'fail', status: 400 }),
      op('read', 152, 153, { outcome: 'fail', status: 401, expectFail: true }),
      op('incr', 154, null, { value: 1, worker: null }),
      op('write', 155, 156, { outside: true, worker: null }),
      read(200, 201, 100, '1'), read(202, 203, 101, '2'),
    ];
    const result = summarize(lab, cell, runOf(history));
    expect(result).toMatchObject({
      ...cell, verdict: 'ok', expected: 'ok', matches: true,
      requests: 105, acknowledged: 102, failed: 2, expectedFailures: 1, indeterminate: 1,
      spread: { 1: 53, 2: 51 }, exits: { crashed: 0, killed: 0, retired: 0 },
      reqPerSec: 200, timing: { startMs: 300, loadMs: 500, readsMs: 20, stopMs: 11, totalMs: 831 },
      runs: 1, verdicts: { ok: 1 }, flaky: false,
    });
  });

  it('does not match when the verdict differs from the expectation, and counts the workers that left by reason', () => {
    const exits = [{ id: '1', code: null, signal: 'SIGKILL', reason: 'killed' as const }, { id: '2', code: 0, signal: null, reason: 'retired' as const }];
    const result = summarize(lab, cell, runOf([...increments(10), read(20, 21, 3)], { exits }));
    expect(result).toMatchObject({ verdict: 'lost', expected: 'ok', matches: false, exits: { crashed: 0, killed: 1, retired: 1 } });
  });

  it('turns a checker that throws into `unknown` with the reason, never a crash', () => {
    const throwing: Checker = () => { throw new Error('boom'); };
    const result = summarize({ checker: throwing, expected: () => 'ok' }, cell, runOf([]));
    expect(result).toMatchObject({ verdict: 'unknown', matches: false, examples: ['the checker failed: boom'] });
  });
});

describe('combineRuns', () => {
  it('is flaky when the verdicts differ, and shows a run that did not match', () => {
    const ok = summarize(lab, cell, runOf([...increments(10), read(20, 21, 10)]));
    const lost = summarize(lab, cell, runOf([...increments(10), read(20, 21, 3)]));
    expect(combineRuns([ok, ok])).toMatchObject({ runs: 2, verdicts: { ok: 2 }, flaky: false, matches: true });
    expect(combineRuns([ok, lost, ok])).toMatchObject({ runs: 3, verdicts: { ok: 2, lost: 1 }, flaky: true, matches: false, verdict: 'lost' });
  });
});
