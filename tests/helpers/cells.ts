// Hand-made cells for the report's tests: a short history per kind of state chart, judged by the real
// checker (so the examples are the sentences the checkers really write), plus one of a checker the
// report has never heard of (a new verdict, a new kind of operation).
import { counterChecker } from '../../harness/checkers/counter.js';
import { growthChecker } from '../../harness/checkers/growth.js';
import { pureChecker } from '../../harness/checkers/pure.js';
import { sessionChecker } from '../../harness/checkers/session.js';
import { setChecker } from '../../harness/checkers/set.js';
import { staleChecker } from '../../harness/checkers/stale.js';
import type { CellKey, Checker, Verdict } from '../../harness/contract.js';
import type { WorkerExit } from '../../harness/cluster.js';
import { pictureOf } from '../../harness/html/picture.js';
import type { History } from '../../harness/history.js';
import { summarize, type CellResult } from '../../harness/summary.js';
import { increments, op, read } from './history.js';

const key = (variant: string, workers: number, fault: CellKey['fault'] = 'none'): CellKey =>
  ({ variant, workers, hosts: 1, store: 'none', fault, latency: 'none' });

/** A cell as the matrix returns it with --html: judged by `checker`, with its picture. */
export function handMadeCell(cell: CellKey, checker: Checker, expected: Verdict, history: History, exits: WorkerExit[] = []): CellResult {
  const run = { history, steps: [], exits, startMs: 0, stopMs: 0, totalMs: 0 };
  const result = summarize({ checker, expected: () => expected }, cell, run);
  return { ...result, picture: pictureOf(run, result.examples) };
}

const MB = 1_000_000;
const probe = (worker: string, served: number, heapUsed: number) => op('heap', served, served + 1, { worker, seen: { served, heapUsed } });

export function handMadeCells(): Record<'counterLost' | 'counterOk' | 'set' | 'stale' | 'growth' | 'pure' | 'session' | 'unheardOf', CellResult> {
  const lost = [...increments(200, 0, ['1', '2', '3', '4']), ...['1', '2', '3', '4'].map((w, i) => read(300 + i, 301 + i, 50, w))];
  const ok = [...increments(200, 0, ['1', '2']), read(300, 301, 200, '1'), read(302, 303, 200, '2')];
  const lists = [
    op('add', 0, 1, { user: 'ann', value: 'milk', worker: '1' }),
    op('add', 2, 3, { user: 'bob', value: '<script>alert(1)</script>', worker: '2' }),
    op('read', 4, 5, { user: 'ann', seen: ['<script>alert(1)</script>'], worker: '2' }),
    op('read', 6, 7, { user: 'bob', seen: ['<script>alert(1)</script>'], worker: '2' }),
  ];
  const versions = [read(0, 1, 'v0', '1'), op('write', 10, 11, { value: 'v1', outside: true, worker: null }), read(20, 21, 'v1', '1'), read(22, 23, 'v0', '2')];
  const heaps = [probe('1', 100, 10 * MB), probe('1', 1100, 15 * MB), probe('2', 100, 10 * MB), probe('2', 1100, 10.2 * MB)];
  const renders = [
    op('render', 0, 1, { value: 'waltz', expected: ['oom', 'pah'], seen: ['oom', 'pah'], worker: '1' }),
    op('render', 2, 3, { value: 'march', expected: ['left', 'right'], seen: ['oom', 'pah'], worker: '2' }),
  ];
  const sessions = [
    op('login', 0, 1, { user: 'ann', value: 'ann-phone', seen: 'ann', worker: '1' }),
    op('read', 2, 3, { user: 'ann', value: 'ann-phone', seen: 'ann', worker: '1' }),
    op('read', 4, 5, { user: 'ann', value: 'ann-phone', outcome: 'fail', status: 401, worker: '2' }),
  ];
  // A checker the report does not know: messages published and delivered; a message delivered twice.
  const messages = [op('subscribe', 0, 1, { worker: '1' }), op('publish', 2, 3, { value: 'm1', worker: '2' }), op('deliver', 4, 5, { seen: 'm1', worker: '1' }), op('deliver', 6, 7, { seen: 'm1', worker: '1' }), op('publish', 8, null, { value: 'm2', worker: null })];
  const duplicated: Checker = () => ({ verdict: 'duplicated' as Verdict, anomalies: ['duplicated' as never], counts: { delivered: 2, duplicates: 1 }, examples: ['deliver on worker 1 saw m1 a second time'] });
  return {
    counterLost: handMadeCell(key('buggy', 4), counterChecker, 'lost', lost),
    counterOk: handMadeCell(key('fixed', 2, 'kill'), counterChecker, 'ok', ok, [{ id: '2', code: null, signal: 'SIGKILL', reason: 'killed' }]),
    set: handMadeCell(key('buggy', 2), setChecker, 'lost', lists),
    stale: handMadeCell(key('buggy', 2), staleChecker, 'stale', versions),
    growth: handMadeCell(key('buggy', 2), growthChecker({ boundBytesPerRequest: 2048, warmUpRequests: 50, minRequests: 500 }), 'grew', heaps),
    pure: handMadeCell(key('buggy', 2), pureChecker, 'leaked', renders),
    session: handMadeCell(key('buggy', 2), sessionChecker, 'lost', sessions),
    unheardOf: handMadeCell(key('buggy', 2), duplicated, 'duplicated' as Verdict, messages),
  };
}
