// Results as text: the terminal matrix (chalk colours) and the JSON contract. Every function returns a
// string or an object; only scripts/ print.
import chalk from 'chalk';
import type { Lab, Verdict } from './contract.js';
import { n } from './history.js';
import { hasExerciseMode } from './mine.js';
import type { CellResult, MatrixResult } from './run.js';

export const verdictColour: Record<Verdict, (s: string) => string> = {
  ok: chalk.green,
  lost: chalk.red,
  duplicated: chalk.red,
  leaked: chalk.magenta,
  stale: chalk.yellow,
  grew: chalk.yellow,
  unknown: chalk.gray,
};

const COLUMNS = [
  ['variant', 8], ['workers', 8], ['store', 16], ['verdict', 8], ['expected', 11], ['requests', 9], ['req/s', 7],
] as const;

export const pad = (text: string, width: number, right = false): string => (right ? text.padStart(width) : text.padEnd(width));

/**
 * The labs, one line each; with a participant's progress, ✓ for the labs whose own fix passes, and
 * which one is next. Only labs with exercise mode get a mark and are counted: the others cannot be `try`-ed.
 */
export function renderLabList(labs: readonly Lab[], progress?: { done: readonly string[]; next?: string }): string {
  const width = Math.max(...labs.map((l) => l.name.length));
  const exercises = labs.filter(hasExerciseMode);
  const done = exercises.filter((l) => progress?.done.includes(l.name));
  const mark = (l: Lab): string => (!progress ? '' : done.includes(l) ? `${chalk.green('✓')} ` : l.name === progress.next && exercises.includes(l) ? `${chalk.yellow('→')} ` : '  ');
  const lines = [
    chalk.bold('Labs') + chalk.dim('  (run one: npm run lab <name>; write its fix yourself: npm run lab try <name>; options: npm run lab -- --help)'),
    ...labs.map((l) => `  ${mark(l)}${chalk.cyan(l.name.padEnd(width))}  ${l.summary}`),
  ];
  if (progress && done.length > 0) {
    lines.push('', progress.next ? `Your fixes pass in ${done.length} of ${exercises.length} labs. Next: ${chalk.bold(`npm run lab try ${progress.next}`)}` : chalk.green(`Your fixes pass in all ${exercises.length} labs you can try.`));
  }
  return lines.join('\n');
}

export function renderMatrixHeader(lab: Lab): string {
  const head = COLUMNS.map(([name, w], i) => pad(name, w, i >= 5)).join(' ');
  return [
    `${chalk.bold(lab.name)} ${chalk.dim('·')} ${lab.title}`,
    chalk.dim(`${lab.summary}  [source: ${lab.source} · lesson: labs/${lab.name}/README.md]`),
    '',
    chalk.dim(` ${head}  spread (responses per worker)`),
  ].join('\n');
}

const workersText = (c: CellResult): string => (c.hosts > 1 ? `${c.hosts}x${c.workers}` : String(c.workers));
/** `primary`, or `primary ~0-50ms` for a cell whose store answers late and out of order. */
const storeText = (c: CellResult): string => (c.latency === 'none' ? c.store : `${c.store} ~${c.latency}ms`);

/** One row, with its notes and examples; watch mode asks for one example of a cell that differs, and no counts. */
export function renderCell(cell: CellResult, { mostExamples = Infinity, counts = true } = {}): string {
  const mark = cell.matches ? chalk.green('✓') : chalk.red('✗');
  const spread = Object.entries(cell.spread).map(([w, count]) => `${w}:${count}`).join(' ');
  const row = [
    pad(cell.variant, 8),
    pad(workersText(cell), 8),
    pad(storeText(cell), 16),
    verdictColour[cell.verdict](pad(cell.verdict, 8)),
    `${pad(cell.expected, 9)} ${mark}`,
    pad(n(cell.requests), 9, true),
    pad(n(cell.reqPerSec), 7, true),
  ].join(' ');
  const notes: string[] = [];
  const extra = cell.anomalies.slice(1);
  if (extra.length > 0) notes.push(`also ${extra.join(', ')}`);
  const unexpected = cell.failed - cell.expectedFailures;
  if (unexpected + cell.indeterminate > 0) notes.push(`${n(unexpected)} refused, ${n(cell.indeterminate)} without a clear answer`);
  if (cell.expectedFailures > 0) notes.push(`${n(cell.expectedFailures)} refused as the scenario expects`);
  const { crashed, killed, retired } = cell.exits;
  if (crashed + killed + retired > 0) notes.push(`workers replaced: ${[[crashed, 'crashed'], [killed, 'killed'], [retired, 'retired']].filter(([k]) => k).map(([k, why]) => `${k} ${why}`).join(', ')}`);
  if (cell.runs > 1) notes.push(`${cell.flaky ? chalk.red('flaky: ') : ''}${Object.entries(cell.verdicts).map(([v, k]) => `${v} in ${k}/${cell.runs}`).join(', ')}`);
  // One example for a cell that shows a bug; all of them, and the counts, for a cell that surprised us.
  const examples = cell.matches ? (cell.verdict === 'ok' ? [] : cell.examples.slice(0, 1)) : cell.examples.slice(0, mostExamples);
  const lines = [` ${row}  ${chalk.dim(spread)}`];
  for (const note of notes) lines.push(chalk.dim(`    · ${note}`));
  for (const example of examples) lines.push(`    ${chalk.dim('└')} ${example}`);
  // A server error is the lab code's own exception: worth seeing whenever a cell surprised us.
  if (!cell.matches) for (const error of cell.serverErrors) lines.push(`    ${chalk.red('!')} ${error}`);
  if (!cell.matches && counts) lines.push(chalk.dim(`    counts: ${JSON.stringify(cell.counts)}`));
  return lines.join('\n');
}

export function renderSummary(result: MatrixResult): string {
  const good = result.cells.filter((c) => c.matches).length;
  const took = `${(result.durationMs / 1000).toFixed(1)} s`;
  return result.matches
    ? chalk.green(`✓ matches: all ${result.cells.length} cells as expected`) + chalk.dim(` (${took})`)
    : chalk.red(`✗ does not match: ${result.cells.length - good} of ${result.cells.length} cells differ from the expectation`) + chalk.dim(` (${took})`);
}

export function renderMatrix(lab: Lab, result: MatrixResult): string {
  return [renderMatrixHeader(lab), ...result.cells.map((c) => renderCell(c)), '', renderSummary(result)].join('\n');
}

/** One line on what to look at when a participant's fix shows this verdict (watch mode). */
export function lookAt(verdict: Verdict): string {
  switch (verdict) {
    case 'lost': return 'a write was acknowledged, and a later read did not see it: where does the state that read looked at live, and who else writes it?';
    case 'duplicated': return 'an effect that must happen once happened several times: how many processes run this code, and what makes only one of them do it?';
    case 'leaked': return "an answer carried another user's (or another input's) data: what does the key of this state leave out?";
    case 'stale': return 'a read returned a value that had already been replaced: what does the worker keep from before, and when does it look again?';
    case 'grew': return 'every request leaves memory behind: which long-lived object still holds on to it when the request is done?';
    case 'unknown': return 'there was nothing to judge: do the requests get 2xx answers? The example says why.';
    case 'ok': return 'the cell is ok but was expected otherwise: compare with what fixed.ts must show.';
  }
}

/** The short name of a cell among a variant's cells: `@4`, `@4 redis`, `@2x4 primary ~0-50ms`. */
export const cellLabel = (c: CellResult): string => `@${workersText(c)}${c.store === 'none' ? '' : ` ${storeText(c)}`}`;

/** One cell as the JSON contract has it (DESIGN.md): fields may be added, never renamed or dropped. */
export function cellJson(c: CellResult): object {
  return {
    variant: c.variant,
    workers: c.workers,
    store: c.store,
    hosts: c.hosts,
    latency: c.latency,
    verdict: c.verdict,
    anomalies: c.anomalies,
    expected: c.expected,
    matches: c.matches,
    requests: c.requests,
    acknowledged: c.acknowledged,
    failed: c.failed,
    expectedFailures: c.expectedFailures,
    indeterminate: c.indeterminate,
    counts: c.counts,
    spread: c.spread,
    examples: c.examples,
    fault: c.fault,
    exits: c.exits,
    serverErrors: c.serverErrors,
    runs: c.runs,
    verdicts: c.verdicts,
    flaky: c.flaky,
    reqPerSec: c.reqPerSec,
    timing: c.timing,
  };
}

/** The JSON contract (DESIGN.md): fields may be added, never renamed or dropped. */
export function matrixJson(result: MatrixResult): object {
  return {
    lab: result.lab,
    matches: result.matches,
    durationMs: result.durationMs,
    cells: result.cells.map(cellJson),
  };
}

