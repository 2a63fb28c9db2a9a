// `--mutants` as text (a row per mutant, its verdict per cell, what killed it, the score) and as JSON.
import chalk from 'chalk';
import type { Lab } from './contract.js';
import type { MutantResult, MutantsResult } from './mutants.js';
import { cellJson, cellLabel, pad, verdictColour } from './report.js';

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
