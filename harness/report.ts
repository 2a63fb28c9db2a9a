// Results as text: the terminal matrix (chalk colours) and the JSON contract. Every function returns a
// string or an object; only scripts/ print.
import chalk from 'chalk';
import type { Lab, Verdict } from './contract.js';
import { n } from './history.js';
import type { MutantResult, MutantsResult } from './mutants.js';
import type { CellResult, MatrixResult } from './run.js';

const verdictColour: Record<Verdict, (s: string) => string> = {
  ok: chalk.green,
  lost: chalk.red,
  leaked: chalk.magenta,
  stale: chalk.yellow,
  grew: chalk.yellow,
  unknown: chalk.gray,
};

const COLUMNS = [
  ['variant', 8], ['workers', 8], ['store', 16], ['verdict', 8], ['expected', 11], ['requests', 9], ['req/s', 7],
] as const;

const pad = (text: string, width: number, right = false): string => (right ? text.padStart(width) : text.padEnd(width));

/** The labs, one line each; with a participant's progress, ✓ for the labs whose own fix passes, and which one is next. */
export function renderLabList(labs: readonly Lab[], progress?: { done: readonly string[]; next?: string }): string {
  const width = Math.max(...labs.map((l) => l.name.length));
  const mark = (l: Lab): string => (!progress ? '' : progress.done.includes(l.name) ? `${chalk.green('✓')} ` : l.name === progress.next ? `${chalk.yellow('→')} ` : '  ');
  const lines = [
    chalk.bold('Labs') + chalk.dim('  (run one: npm run lab <name>; write its fix yourself: npm run lab try <name>; options: npm run lab -- --help)'),
    ...labs.map((l) => `  ${mark(l)}${chalk.cyan(l.name.padEnd(width))}  ${l.summary}`),
  ];
  if (progress && progress.done.length > 0) {
    lines.push('', progress.next ? `Your fixes pass in ${progress.done.length} of ${labs.length} labs. Next: ${chalk.bold(`npm run lab try ${progress.next}`)}` : chalk.green(`Your fixes pass in all ${labs.length} labs.`));
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

export function renderCell(cell: CellResult): string {
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
  if (cell.failed + cell.indeterminate > 0) notes.push(`${n(cell.failed)} refused, ${n(cell.indeterminate)} without a clear answer`);
  const { crashed, killed, retired } = cell.exits;
  if (crashed + killed + retired > 0) notes.push(`workers replaced: ${[[crashed, 'crashed'], [killed, 'killed'], [retired, 'retired']].filter(([k]) => k).map(([k, why]) => `${k} ${why}`).join(', ')}`);
  if (cell.runs > 1) notes.push(`${cell.flaky ? chalk.red('flaky: ') : ''}${Object.entries(cell.verdicts).map(([v, k]) => `${v} in ${k}/${cell.runs}`).join(', ')}`);
  // One example for a cell that shows a bug; all of them, and the counts, for a cell that surprised us.
  const examples = cell.matches ? (cell.verdict === 'ok' ? [] : cell.examples.slice(0, 1)) : cell.examples;
  const lines = [` ${row}  ${chalk.dim(spread)}`];
  for (const note of notes) lines.push(chalk.dim(`    · ${note}`));
  for (const example of examples) lines.push(`    ${chalk.dim('└')} ${example}`);
  // A server error is the lab code's own exception: worth seeing whenever a cell surprised us.
  if (!cell.matches) for (const error of cell.serverErrors) lines.push(`    ${chalk.red('!')} ${error}`);
  if (!cell.matches) lines.push(chalk.dim(`    counts: ${JSON.stringify(cell.counts)}`));
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
  return [renderMatrixHeader(lab), ...result.cells.map(renderCell), '', renderSummary(result)].join('\n');
}

/** One line on what to look at when a participant's fix shows this verdict (watch mode). */
export function lookAt(verdict: Verdict): string {
  switch (verdict) {
    case 'lost': return 'a write was acknowledged, and a later read did not see it: where does the state that read looked at live, and who else writes it?';
    case 'leaked': return "an answer carried another user's (or another input's) data: what does the key of this state leave out?";
    case 'stale': return 'a read returned a value that had already been replaced: what does the worker keep from before, and when does it look again?';
    case 'grew': return 'every request leaves memory behind: which long-lived object still holds on to it when the request is done?';
    case 'unknown': return 'there was nothing to judge: do the requests get 2xx answers? The example says why.';
    case 'ok': return 'the cell is ok but was expected otherwise: compare with what fixed.ts must show.';
  }
}

/** The short name of a cell among a variant's cells: `@4`, `@4 redis`, `@2x4 primary ~0-50ms`. */
export const cellLabel = (c: CellResult): string => `@${workersText(c)}${c.store === 'none' ? '' : ` ${storeText(c)}`}`;

function renderMutant(m: MutantResult, widths: number[], nameWidth: number): string[] {
  const status = m.kind === 'correct' ? (m.passes ? chalk.green('✓ ok      ') : chalk.red('✗ FLAGGED ')) : m.passes ? chalk.green('✓ killed  ') : chalk.red('✗ SURVIVED');
  const verdicts = m.cells.map((c, i) => {
    const text = pad(c.verdict, widths[i]!);
    return c.matches ? chalk.dim(text) : verdictColour[c.verdict](text);
  });
  const kind = m.kind === 'correct' ? 'correct: ' : '';
  const lines = [` ${status} ${pad(m.name, nameWidth)}  ${m.error ? chalk.red(pad('broken', widths.reduce((a, b) => a + b + 1, -1))) : verdicts.join(' ')}  ${chalk.dim(kind + m.description)}`];
  const indent = ' '.repeat(12);
  if (m.error) lines.push(`${indent}${chalk.dim('└')} ${m.error}`);
  // What killed a mutant (or flagged a correct rewrite): the first differing cell's first example.
  const differing = m.cells.find((c) => !c.matches);
  if (differing) lines.push(`${indent}${chalk.dim('└')} ${cellLabel(differing)}: ${differing.examples[0] ?? `${differing.verdict}, expected ${differing.expected}`}`);
  return lines;
}

export function renderMutants(lab: Lab, result: MutantsResult): string {
  const shape = result.mutants.find((m) => m.cells.length > 0)?.cells ?? [];
  const labels = shape.map(cellLabel);
  const widths = labels.map((l) => Math.max(l.length, 8));
  const nameWidth = Math.max(...result.mutants.map((m) => m.name.length), 6);
  const took = `${(result.durationMs / 1000).toFixed(1)} s`;
  const score = `killed ${result.killed} of ${result.total} mutant(s)` + (result.correct > 0 ? ` · correct rewrites ok ${result.correctOk} of ${result.correct}` : '');
  return [
    `${chalk.bold(lab.name)} ${chalk.dim('·')} mutants: plausible wrong fixes, each run in place of ${chalk.bold('fixed')}; a cell that differs from fixed's expectation kills it`,
    chalk.dim(` expected: ${shape.map((c, i) => `${labels[i]} ${c.expected}`).join(' · ')}  [labs/${lab.name}/mutants/]`),
    '',
    chalk.dim(` ${' '.repeat(10)} ${pad('mutant', nameWidth)}  ${labels.map((l, i) => pad(l, widths[i]!)).join(' ')}`),
    ...result.mutants.flatMap((m) => renderMutant(m, widths, nameWidth)),
    '',
    (result.passes ? chalk.green(`✓ ${score}`) : chalk.red(`✗ ${score}`)) + chalk.dim(` (${took})`),
  ].join('\n');
}

/** One cell as the JSON contract has it (DESIGN.md): fields may be added, never renamed or dropped. */
function cellJson(c: CellResult): object {
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

/** `--mutants --json`: the score, and every mutant with its cells in the matrix's own format. */
export function mutantsJson(result: MutantsResult): object {
  return {
    lab: result.lab,
    mode: 'mutants',
    passes: result.passes,
    killed: result.killed,
    total: result.total,
    correctOk: result.correctOk,
    correct: result.correct,
    durationMs: result.durationMs,
    mutants: result.mutants.map((m) => ({
      name: m.name,
      kind: m.kind,
      description: m.description,
      killed: m.killed,
      passes: m.passes,
      ...(m.error && { error: m.error }),
      cells: m.cells.map(cellJson),
    })),
  };
}
