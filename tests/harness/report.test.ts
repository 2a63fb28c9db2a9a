// The report in process: what the terminal shows for a cell and for mutants, and the JSON contract.
import { stripVTControlCharacters as plain } from 'node:util';
import { describe, expect, it } from 'vitest';
import { counterChecker } from '../../harness/checkers/counter.js';
import type { CellKey } from '../../harness/contract.js';
import type { MutantsResult } from '../../harness/mutants.js';
import { mutantsJson, renderMutants } from '../../harness/report-mutants.js';
import { nextLab } from '../../harness/progress.js';
import { matrixJson, renderCell, renderLabList } from '../../harness/report.js';
import { summarize, type CellResult } from '../../harness/summary.js';
import { catalog } from '../../labs/index.js';
import gunicornCounter from '../../labs/gunicorn-counter/index.js';
import perWorkerCounter from '../../labs/per-worker-counter/index.js';
import { increments, read } from '../helpers/history.js';

const key: CellKey = { variant: 'fixed', workers: 2, hosts: 1, store: 'primary', fault: 'none', latency: 'none' };
const cellOf = (lowest: number, over: Partial<CellKey> = {}): CellResult => summarize(
  { checker: counterChecker, expected: () => 'ok' },
  { ...key, ...over },
  { history: [...increments(100, 0, ['1', '2']), read(200, 201, lowest, '2'), read(202, 203, 100, '1')], steps: [], exits: [], startMs: 1, stopMs: 1, totalMs: 3 },
);

describe('matrixJson (the contract CI reads: fields are added, never renamed or dropped)', () => {
  it('gives every documented field of the run and of each cell', () => {
    const json = matrixJson({ lab: 'per-worker-counter', matches: false, durationMs: 5, cells: [cellOf(40)] }) as { cells: object[] };
    expect(Object.keys(json)).toEqual(['lab', 'matches', 'durationMs', 'cells']);
    expect(Object.keys(json.cells[0]!)).toEqual([
      'variant', 'workers', 'store', 'hosts', 'latency', 'verdict', 'anomalies', 'expected', 'matches', 'requests', 'acknowledged',
      'failed', 'expectedFailures', 'indeterminate', 'counts', 'spread', 'examples', 'fault', 'exits', 'serverErrors', 'runs', 'verdicts', 'flaky',
      'reqPerSec', 'timing',
    ]);
    expect(json.cells[0]).toMatchObject({ variant: 'fixed', workers: 2, store: 'primary', hosts: 1, latency: 'none', verdict: 'lost', expected: 'ok', matches: false });
  });
});

describe('renderCell', () => {
  it('an ok cell: one row with ✓ and the spread, no example', () => {
    const text = plain(renderCell(cellOf(100)));
    expect(text.split('\n')).toHaveLength(1);
    expect(text).toMatch(/^ fixed +2 +primary +ok +ok +✓ +102 +0  1:51 2:51$/);
  });

  it('a cell that differs: ✗, every example and the counts; a latency cell names its latency', () => {
    const text = plain(renderCell(cellOf(40, { latency: '0-50' })));
    expect(text).toMatch(/^ fixed +2 +primary ~0-50ms +lost +ok +✗/);
    expect(text).toContain('└ read on worker 2 saw 40 after 100 increments were acknowledged');
    expect(text).toMatch(/counts: \{.*"lost":60/);
  });

  it('as watch mode asks for it: one example, no counts', () => {
    const cell = { ...cellOf(40), examples: ['read on worker 2 saw 40', 'read on worker 1 saw 55'] };
    expect(plain(renderCell(cell)).split('\n').filter((l) => l.includes('└'))).toHaveLength(2);
    const text = plain(renderCell(cell, { mostExamples: 1, counts: false }));
    expect(text.split('\n').filter((l) => l.includes('└'))).toEqual(['    └ read on worker 2 saw 40']);
    expect(text).not.toContain('counts:');
  });
});

describe('renderLabList with progress', () => {
  // gunicorn-counter comes right after per-worker-counter in the catalog, and its variants are commands: no `try`.
  const exercises = catalog.filter((l) => l !== gunicornCounter).length;

  it('skips a lab without exercise mode: never its next, never marked, not counted', () => {
    const progress = { done: ['per-worker-counter'], hintsShown: {} };
    expect(nextLab(catalog, progress)?.name).toBe('global-list');
    const text = plain(renderLabList(catalog, { done: progress.done, next: nextLab(catalog, progress)?.name }));
    expect(text).toMatch(/^ {2}✓ per-worker-counter /m);
    expect(text).toMatch(/^ {4}gunicorn-counter /m);
    expect(text).toMatch(/^ {2}→ global-list /m);
    expect(text).toContain(`Your fixes pass in 1 of ${exercises} labs. Next: npm run lab try global-list`);
  });

  it('all of them done: says so, though a lab without exercise mode was never done', () => {
    const done = catalog.filter((l) => l !== gunicornCounter).map((l) => l.name);
    expect(nextLab(catalog, { done, hintsShown: {} })).toBeUndefined();
    const text = plain(renderLabList(catalog, { done }));
    expect(text).toContain(`Your fixes pass in all ${exercises} labs you can try.`);
    expect(text).toMatch(/^ {4}gunicorn-counter /m);
  });
});

describe('renderMutants and mutantsJson', () => {
  const result: MutantsResult = {
    lab: 'per-worker-counter', killed: 1, total: 2, correctOk: 1, correct: 1, passes: false, durationMs: 4200,
    mutants: [
      { name: 'answers-early', kind: 'mutant', description: 'answers before the store counted', module: 'file:///a.ts', cells: [cellOf(100), cellOf(40, { latency: '0-50' })], killed: true, passes: true },
      { name: 'survivor', kind: 'mutant', description: 'wrong in a way nobody tests', module: 'file:///b.ts', cells: [cellOf(100), cellOf(100, { latency: '0-50' })], killed: false, passes: false },
      { name: 'other-right-way', kind: 'correct', description: 'also right', module: 'file:///c.ts', cells: [cellOf(100), cellOf(100, { latency: '0-50' })], killed: false, passes: true },
      { name: 'broken', kind: 'mutant', description: 'does not build', module: 'file:///d.ts', cells: [], killed: false, passes: false, error: 'worker could not build the app of x: boom' },
    ],
  };

  it('a row per mutant with its verdict per cell, what killed it, and the score', () => {
    const text = plain(renderMutants(perWorkerCounter, result));
    expect(text).toContain('expected: @2 primary ok · @2 primary ~0-50ms ok');
    expect(text).toMatch(/✓ killed +answers-early +ok +lost +answers before the store counted/);
    expect(text).toContain('└ @2 primary ~0-50ms: read on worker 2 saw 40 after 100 increments were acknowledged');
    expect(text).toMatch(/✗ SURVIVED survivor +ok +ok +wrong in a way nobody tests/);
    expect(text).toMatch(/✓ ok +other-right-way +ok +ok +correct: also right/);
    expect(text).toMatch(/✗ SURVIVED broken +broken +does not build\n +└ worker could not build the app of x: boom/);
    expect(text.trim().split('\n').at(-1)).toMatch(/^✗ killed 1 of 2 mutant\(s\) · correct rewrites ok 1 of 1 \(4\.2 s\)$/);
  });

  it('the same as data', () => {
    const json = mutantsJson(result) as { mutants: Array<Record<string, unknown>> };
    expect(json).toMatchObject({ lab: 'per-worker-counter', mode: 'mutants', passes: false, killed: 1, total: 2, correctOk: 1, correct: 1, durationMs: 4200 });
    expect(json.mutants.map((m) => Object.keys(m))).toEqual([
      ['name', 'kind', 'description', 'killed', 'passes', 'cells'],
      ['name', 'kind', 'description', 'killed', 'passes', 'cells'],
      ['name', 'kind', 'description', 'killed', 'passes', 'cells'],
      ['name', 'kind', 'description', 'killed', 'passes', 'error', 'cells'],
    ]);
  });
});
