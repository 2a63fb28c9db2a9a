// The JUnit report in process, without a cluster: its structure as CI systems read it, the cells'
// names, and escaping of whatever a lab's examples contain.
import { describe, expect, it } from 'vitest';
import { counterChecker } from '../../harness/checkers/counter.js';
import type { CellKey, Verdict } from '../../harness/contract.js';
import { cellTestName, junitErrorXml, junitMutantsXml, junitXml } from '../../harness/junit.js';
import type { MutantResult } from '../../harness/mutants.js';
import { planCells } from '../../harness/plan.js';
import type { MatrixResult } from '../../harness/run.js';
import { summarize, type CellResult } from '../../harness/summary.js';
import perWorkerCounter from '../../labs/per-worker-counter/index.js';
import { increments, read } from '../helpers/history.js';
import { parseXml, type XmlElement } from '../helpers/xml.js';

const base: CellKey = { variant: 'fixed', workers: 4, hosts: 1, store: 'primary', fault: 'none', latency: 'none' };
/** A counter cell whose last read saw `seen` of 100 increments (100: ok, less: lost), expected `expected`. */
const cellOf = (over: Partial<CellKey>, seen: number, expected: Verdict, totalMs = 1234): CellResult => summarize(
  { checker: counterChecker, expected: () => expected },
  { ...base, ...over },
  { history: [...increments(100, 0, ['1', '2']), read(200, 201, seen, '2')], steps: [], exits: [], startMs: 1, stopMs: 1, totalMs },
);

const children = (el: XmlElement, name: string): XmlElement[] => el.children.filter((c) => c.name === name);

describe('junitXml', () => {
  const result: MatrixResult = {
    lab: 'per-worker-counter',
    matches: false,
    durationMs: 4321,
    cells: [
      cellOf({ variant: 'buggy', workers: 1, store: 'none' }, 100, 'ok', 500),
      cellOf({ variant: 'buggy', store: 'none' }, 40, 'lost', 750),
      cellOf({}, 60, 'ok', 1999),
    ],
  };

  it('one testsuite, one testcase per cell, a failure with verdict and expectation for the cell that differs', () => {
    const root = parseXml(junitXml([result], { timestamp: new Date('2026-11-24T06:00:00.123Z'), hostname: 'ci-runner' }));
    expect(root.name).toBe('testsuites');
    expect(root.attrs).toMatchObject({ tests: '3', failures: '1', errors: '0', time: '4.321' });
    const [suite, ...more] = children(root, 'testsuite');
    expect(more).toEqual([]);
    expect(suite!.attrs).toEqual({
      name: 'per-worker-counter', id: '0', tests: '3', failures: '1', errors: '0', skipped: '0', time: '4.321',
      timestamp: '2026-11-24T06:00:00', hostname: 'ci-runner',
    });
    const cases = children(suite!, 'testcase');
    expect(cases.map((c) => c.attrs)).toEqual([
      { name: 'buggy@1', classname: 'per-worker-counter', time: '0.500' },
      { name: 'buggy@4', classname: 'per-worker-counter', time: '0.750' },
      { name: 'fixed@4/primary', classname: 'per-worker-counter', time: '1.999' },
    ]);
    // A buggy cell that shows its bug as expected is a passing test: no child at all.
    expect(cases[0]!.children).toEqual([]);
    expect(cases[1]!.children).toEqual([]);
    const [failure] = cases[2]!.children;
    expect(failure!.name).toBe('failure');
    expect(failure!.attrs).toEqual({ message: 'expected ok, got lost', type: 'lost' });
    const lines = failure!.text.split('\n');
    expect(lines[0]).toBe('verdict lost, expected ok');
    expect(lines).toContain(`example: ${result.cells[2]!.examples[0]}`);
    expect(lines.at(-1)).toBe(`counts: ${JSON.stringify(result.cells[2]!.counts)}`);
  });

  it('one testsuite per lab run', () => {
    const other = { ...result, lab: 'global-list', cells: result.cells.slice(0, 1), durationMs: 1000 };
    const root = parseXml(junitXml([result, other]));
    expect(children(root, 'testsuite').map((s) => [s.attrs.name, s.attrs.tests, s.attrs.failures])).toEqual([['per-worker-counter', '3', '1'], ['global-list', '1', '0']]);
    expect(root.attrs).toMatchObject({ tests: '4', failures: '1', time: '5.321' });
  });

  it('escapes what examples contain, and replaces characters XML cannot hold', () => {
    const nasty = 'saw <b>"5" & \'6\'</b> ]]> \x07bell \uD800half \u{1F600}';
    const cell = { ...cellOf({}, 60, 'ok'), examples: [nasty], serverErrors: ['TypeError: x < y && z'] };
    const root = parseXml(junitXml([{ ...result, lab: 'a&b<lab>', cells: [cell] }]));
    const [suite] = children(root, 'testsuite');
    expect(suite!.attrs.name).toBe('a&b<lab>');
    const [testCase] = children(suite!, 'testcase');
    expect(testCase!.attrs.classname).toBe('a&b<lab>');
    const text = testCase!.children[0]!.text;
    expect(text).toContain('example: saw <b>"5" & \'6\'</b> ]]> \uFFFDbell \uFFFDhalf \u{1F600}');
    expect(text).toContain('server error: TypeError: x < y && z');
  });

  it('names a flaky cell as flaky, with every verdict it had', () => {
    const cell = { ...cellOf({}, 60, 'ok'), runs: 3, verdicts: { ok: 2, lost: 1 }, flaky: true };
    const [failure] = children(children(parseXml(junitXml([{ ...result, cells: [cell] }])), 'testsuite')[0]!, 'testcase')[0]!.children;
    expect(failure!.attrs.message).toBe('expected ok, got lost (flaky)');
    expect(failure!.text).toContain('runs: ok in 2/3, lost in 1/3 (flaky)');
  });
});

describe('cellTestName: variant@workers[/store][/hosts]', () => {
  it.each([
    [{ variant: 'buggy', store: 'none' }, 'buggy@4'],
    [{}, 'fixed@4/primary'],
    [{ latency: '0-50' }, 'fixed@4/primary~0-50ms'],
    [{ store: 'redis', hosts: 2, workers: 2 }, 'fixed@2/redis/2hosts'],
  ] as Array<[Partial<CellKey>, string]>)('%j → %s', (over, name) => {
    expect(cellTestName({ ...base, ...over })).toBe(name);
  });

  it('is unique among the cells of a run (both stores, latency cells, two hosts)', () => {
    const cells = planCells(perWorkerCounter, { workers: 4, hosts: 2 });
    expect(cells.length).toBeGreaterThan(8);
    expect(new Set(cells.map(cellTestName)).size).toBe(cells.length);
  });
});

describe('junitMutantsXml: --mutants', () => {
  const mutant = (name: string, kind: MutantResult['kind'], cells: CellResult[], error?: string): MutantResult => {
    const killed = kind === 'mutant' && cells.some((c) => !c.matches);
    return { name, kind, description: `${name} described`, module: `file:///m/${name}.js`, cells, killed, passes: !error && (kind === 'mutant' ? killed : cells.every((c) => c.matches)), ...(error && { error }) };
  };
  const ok = cellOf({ workers: 1 }, 100, 'ok', 300);
  const lost = cellOf({}, 60, 'ok', 700);

  it('one case per mutant: killed and correct ones pass, a survivor fails, a broken one is an error', () => {
    const root = parseXml(junitMutantsXml({
      lab: 'per-worker-counter', killed: 1, total: 3, correctOk: 1, correct: 1, passes: false, durationMs: 2500,
      mutants: [
        mutant('ttl-cache', 'mutant', [ok, lost]),
        mutant('unawaited-incr', 'mutant', [ok, { ...lost, verdict: 'ok', matches: true }]),
        mutant('same-thing', 'correct', [ok]),
        mutant('throws', 'mutant', [], 'worker could not build the app of m/throws.js: boom'),
      ],
    }));
    expect(root.attrs).toMatchObject({ tests: '4', failures: '1', errors: '1', time: '2.500' });
    const [suite] = children(root, 'testsuite');
    expect(suite!.attrs).toMatchObject({ name: 'per-worker-counter mutants', tests: '4', failures: '1', errors: '1' });
    const testcases = children(suite!, 'testcase');
    expect(testcases.map((c) => [c.attrs.name, c.attrs.classname, c.attrs.time, c.children.map((f) => `${f.name}:${f.attrs.type}`)])).toEqual([
      ['mutant ttl-cache', 'per-worker-counter.mutants', '1.000', []],
      ['mutant unawaited-incr', 'per-worker-counter.mutants', '1.000', ['failure:survived']],
      ['correct same-thing', 'per-worker-counter.mutants', '0.300', []],
      ['mutant throws', 'per-worker-counter.mutants', '0.000', ['error:broken']],
    ]);
    expect(testcases[1]!.children[0]!.text).toBe('unawaited-incr described\nfixed@1/primary: ok, expected ok\nfixed@4/primary: ok, expected ok');
    expect(testcases[3]!.children[0]!.attrs.message).toBe('worker could not build the app of m/throws.js: boom');
  });

  it('a correct rewrite that a cell flags is a failure naming the cell', () => {
    const root = parseXml(junitMutantsXml({ lab: 'x', killed: 0, total: 0, correctOk: 0, correct: 1, passes: false, durationMs: 1, mutants: [mutant('rewrite', 'correct', [ok, lost])] }));
    const [failure] = children(children(root, 'testsuite')[0]!, 'testcase')[0]!.children;
    expect(failure!.attrs).toEqual({ message: "flagged: 1 of 2 cells differ from fixed's expectation", type: 'flagged' });
    expect(failure!.text).toContain(`fixed@4/primary: lost, expected ok ✗ (${lost.examples[0]})`);
  });
});

describe('junitErrorXml: a run that could not be judged', () => {
  it('is one testcase with an <error> that says why, newlines kept in the attribute', () => {
    const root = parseXml(junitErrorXml('./labs/price-cache', 'no redis-server:\n"install it" & retry'));
    expect(root.attrs).toMatchObject({ tests: '1', failures: '0', errors: '1' });
    const [suite] = children(root, 'testsuite');
    expect(suite!.attrs).toMatchObject({ name: './labs/price-cache', tests: '1', errors: '1' });
    const [error] = children(suite!, 'testcase')[0]!.children;
    expect(error!.name).toBe('error');
    expect(error!.attrs.message).toBe('no redis-server:\n"install it" & retry');
    expect(error!.text).toBe('no redis-server:\n"install it" & retry');
  });
});

describe('parseXml (the test helper) refuses what is not well-formed', () => {
  it.each([
    ['<a><b></a>', /<\/b> expected/],
    ['<a x="1" x="2"/>', /given twice/],
    ['<a>1 & 2</a>', /bare &/],
    ['<a>1 < 2</a>', /name expected/],
    ['<a x=1/>', /not quoted/],
    ['<a/><b/>', /after the root/],
    ['<a>&nbsp;</a>', /unknown entity/],
    ['<a>\x07</a>', /cannot hold/],
    ['<a>', /not closed/],
  ])('%j', (xml, why) => {
    expect(() => parseXml(xml)).toThrow(why);
  });
});
