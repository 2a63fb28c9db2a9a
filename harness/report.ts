// Results as text: the terminal matrix (chalk colours) and the JSON contract. Every function returns a
// string or an object; only scripts/ print.
import chalk from 'chalk';
import type { Lab, Verdict } from './contract.js';
import { n } from './history.js';
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
  ['variant', 8], ['workers', 8], ['store', 8], ['verdict', 8], ['expected', 11], ['requests', 9], ['req/s', 7],
] as const;

const pad = (text: string, width: number, right = false): string => (right ? text.padStart(width) : text.padEnd(width));

export function renderLabList(labs: readonly Lab[]): string {
  const width = Math.max(...labs.map((l) => l.name.length));
  return [
    chalk.bold('Labs') + chalk.dim('  (run one: npm run lab <name>; options: npm run lab -- --help)'),
    ...labs.map((l) => `  ${chalk.cyan(l.name.padEnd(width))}  ${l.summary}`),
  ].join('\n');
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

export function renderCell(cell: CellResult): string {
  const mark = cell.matches ? chalk.green('✓') : chalk.red('✗');
  const spread = Object.entries(cell.spread).map(([w, count]) => `${w}:${count}`).join(' ');
  const row = [
    pad(cell.variant, 8),
    pad(workersText(cell), 8),
    pad(cell.store, 8),
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

/** The JSON contract (DESIGN.md): fields may be added, never renamed or dropped. */
export function matrixJson(result: MatrixResult): object {
  return {
    lab: result.lab,
    matches: result.matches,
    durationMs: result.durationMs,
    cells: result.cells.map((c) => ({
      variant: c.variant,
      workers: c.workers,
      store: c.store,
      hosts: c.hosts,
      verdict: c.verdict,
      anomalies: c.anomalies,
      expected: c.expected,
      matches: c.matches,
      requests: c.requests,
      acknowledged: c.acknowledged,
      failed: c.failed,
      indeterminate: c.indeterminate,
      counts: c.counts,
      spread: c.spread,
      examples: c.examples,
      fault: c.fault,
      exits: c.exits,
      runs: c.runs,
      verdicts: c.verdicts,
      flaky: c.flaky,
      reqPerSec: c.reqPerSec,
      timing: c.timing,
    })),
  };
}
