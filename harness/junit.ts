// A matrix run as JUnit XML (`--junit FILE`), the test report every CI system reads: one <testsuite>
// per lab, one <testcase> per cell, a <failure> for a cell whose verdict is not the expected one. The
// attributes are those of the common schema (Ant's junit.xsd, which Jenkins, GitLab and GitHub's test
// reporters read): counts and `time` in seconds on the suites, `name`, `classname` and `time` on each
// case. Pure: results in, a string out; scripts/lab.ts writes the file.
import type { CellKey } from './contract.js';
import type { MutantResult, MutantsResult } from './mutants.js';
import type { CellResult, MatrixResult } from './run.js';

/** Characters XML 1.0 cannot hold at all (control characters, lone surrogates): replaced, not escaped. */
const NOT_XML = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text safe inside an element or a double-quoted attribute. */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** In an attribute a newline would be read back as a space: keep it as a character reference. */
const attr = (text: string): string => escapeXml(text).replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
const seconds = (ms: number): string => (Math.max(0, ms) / 1000).toFixed(3);

/**
 * A cell's test name, `variant@workers[/store][/hosts]`: `buggy@4`, `fixed@4/primary`,
 * `fixed@4/primary~0-50ms` (the latency cell), `fixed@4/redis/2hosts`. Unique within a run: the cells
 * of one run differ only in these (a fault applies to all of them).
 */
export function cellTestName(cell: CellKey): string {
  const store = cell.store === 'none' ? '' : `/${cell.store}${cell.latency === 'none' ? '' : `~${cell.latency}ms`}`;
  return `${cell.variant}@${cell.workers}${store}${cell.hosts > 1 ? `/${cell.hosts}hosts` : ''}`;
}

/** What a CI shows under a failed case: the verdict against the expectation, then why. */
function failureText(cell: CellResult): string {
  const lines = [`verdict ${cell.verdict}, expected ${cell.expected}`];
  if (cell.fault !== 'none') lines.push(`fault: ${cell.fault}`);
  if (cell.runs > 1) lines.push(`runs: ${Object.entries(cell.verdicts).map(([v, k]) => `${v} in ${k}/${cell.runs}`).join(', ')}${cell.flaky ? ' (flaky)' : ''}`);
  if (cell.anomalies.length > 1) lines.push(`anomalies: ${cell.anomalies.join(', ')}`);
  lines.push(...cell.examples.map((e) => `example: ${e}`));
  lines.push(...cell.serverErrors.map((e) => `server error: ${e}`));
  lines.push(`counts: ${JSON.stringify(cell.counts)}`);
  return lines.join('\n');
}

function testCase(lab: string, cell: CellResult): string {
  const open = `    <testcase name="${attr(cellTestName(cell))}" classname="${attr(lab)}" time="${seconds(cell.timing.totalMs)}"`;
  if (cell.matches) return `${open}/>`;
  const message = `expected ${cell.expected}, got ${cell.verdict}${cell.flaky ? ' (flaky)' : ''}`;
  return [
    `${open}>`,
    `      <failure message="${attr(message)}" type="${attr(cell.verdict)}">${escapeXml(failureText(cell))}</failure>`,
    '    </testcase>',
  ].join('\n');
}

export interface JunitOptions {
  /** When the run started (the suites' `timestamp`); the caller's clock, so that this stays pure. */
  timestamp?: Date;
  hostname?: string;
}

/** `2026-11-24T06:00:00`: the schema's timestamp has no zone and no fraction (it is UTC here). */
const timestampText = (date: Date): string => date.toISOString().slice(0, 19);

interface Suite { name: string; tests: number; failures: number; errors: number; ms: number; body: string[] }

function document(suites: Suite[], { timestamp = new Date(0), hostname = 'localhost' }: JunitOptions): string {
  const sum = (key: 'tests' | 'failures' | 'errors' | 'ms') => suites.reduce((total, s) => total + s[key], 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="worker-state-lab" tests="${sum('tests')}" failures="${sum('failures')}" errors="${sum('errors')}" time="${seconds(sum('ms'))}">`,
    ...suites.flatMap((s, id) => [
      `  <testsuite name="${attr(s.name)}" id="${id}" tests="${s.tests}" failures="${s.failures}" errors="${s.errors}" skipped="0" time="${seconds(s.ms)}" timestamp="${timestampText(timestamp)}" hostname="${attr(hostname)}">`,
      ...s.body,
      '  </testsuite>',
    ]),
    '</testsuites>',
    '',
  ].join('\n');
}

/** The JUnit XML of matrix runs: one suite per lab run, one case per cell. */
export function junitXml(results: readonly MatrixResult[], options: JunitOptions = {}): string {
  return document(results.map((r) => ({
    name: r.lab,
    tests: r.cells.length,
    failures: r.cells.filter((c) => !c.matches).length,
    errors: 0,
    ms: r.durationMs,
    body: r.cells.map((c) => testCase(r.lab, c)),
  })), options);
}

/** A mutant that survived (or a correct rewrite that was flagged): which cells said what. */
function mutantCase(lab: string, m: MutantResult): string {
  const ms = m.cells.reduce((sum, c) => sum + c.timing.totalMs, 0);
  const open = `    <testcase name="${attr(`${m.kind} ${m.name}`)}" classname="${attr(`${lab}.mutants`)}" time="${seconds(ms)}"`;
  if (m.passes) return `${open}/>`;
  const cells = m.cells.map((c) => `${cellTestName(c)}: ${c.verdict}, expected ${c.expected}${c.matches ? '' : ` ✗${c.examples[0] ? ` (${c.examples[0]})` : ''}`}`);
  const [tag, message] = m.error ? ['error', m.error]
    : m.kind === 'mutant' ? ['failure', 'survived: every cell has the verdict fixed must have']
    : ['failure', `flagged: ${m.cells.filter((c) => !c.matches).length} of ${m.cells.length} cells differ from fixed's expectation`];
  return [
    `${open}>`,
    `      <${tag} message="${attr(message)}" type="${m.error ? 'broken' : m.kind === 'mutant' ? 'survived' : 'flagged'}">${escapeXml([m.description, ...cells].join('\n'))}</${tag}>`,
    '    </testcase>',
  ].join('\n');
}

/** The JUnit XML of `--mutants`: one suite, one case per mutant (or correct rewrite), failing when it is not rejected (or not accepted). */
export function junitMutantsXml(result: MutantsResult, options: JunitOptions = {}): string {
  return document([{
    name: `${result.lab} mutants`,
    tests: result.mutants.length,
    failures: result.mutants.filter((m) => !m.passes && !m.error).length,
    errors: result.mutants.filter((m) => m.error).length,
    ms: result.durationMs,
    body: result.mutants.map((m) => mutantCase(result.lab, m)),
  }], options);
}

/**
 * A run that could not be judged at all (no Redis, a lab that does not load): one case with an
 * <error>, so that the CI's test view shows why instead of an old file or none.
 */
export function junitErrorXml(lab: string, message: string, options: JunitOptions = {}): string {
  const body = [
    `    <testcase name="run" classname="${attr(lab)}" time="0.000">`,
    `      <error message="${attr(message)}" type="error">${escapeXml(message)}</error>`,
    '    </testcase>',
  ];
  return document([{ name: lab, tests: 1, failures: 0, errors: 1, ms: 0, body }], options);
}
