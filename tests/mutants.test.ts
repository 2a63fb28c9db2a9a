// The other half of the regression contract (rustlings' `dev check` proves every exercise fails; this
// proves every wrong solution fails): each lab's mutants, plausible wrong fixes in labs/<lab>/mutants/,
// are all rejected by its matrix, and its correct rewrites all pass. Run as `npm run lab -- <lab> --mutants`.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';
import { findMutants, runMutants } from '../harness/mutants.js';
import { cellLabel } from '../harness/report.js';
import { catalog } from '../labs/index.js';
import { skipLab, unlessMissing } from './helpers/python.js';

describe.concurrent.each(catalog.map((lab) => [lab.name, lab] as const))('lab %s', (_name, lab) => {
  it('has at least 4 mutants, each marking the line that is wrong', async ({ expect }) => {
    const mutants = await findMutants(lab);
    expect(mutants.filter((m) => m.kind === 'mutant').length).toBeGreaterThanOrEqual(4);
    for (const m of mutants.filter((x) => x.kind === 'mutant')) {
      // The first line says what is wrong; a `// MUTANT:` comment inside marks where.
      expect(readFileSync(fileURLToPath(m.module), 'utf8').match(/(\/\/|#) MUTANT:/g)?.length ?? 0, `${m.name} marks its wrong line`).toBeGreaterThanOrEqual(2);
    }
  });

  it.skipIf(skipLab(lab))(unlessMissing(lab, 'rejects every mutant in some cell, and passes every correct rewrite in every cell'), { timeout: 300_000 }, async ({ expect }) => {
    // Each mutant until the first cell that rejects it (the CLI's --mutants runs every cell, for its table).
    const result = await runMutants(lab, { workers: 4, untilMismatch: true });
    const notAsExpected = result.mutants.filter((m) => !m.passes)
      .map((m) => `${m.kind} ${m.name}: ${m.error ?? m.cells.map((c) => `${cellLabel(c)} ${c.verdict} (expected ${c.expected})`).join(', ')}`);
    expect(notAsExpected).toEqual([]);
    expect(result.killed).toBe(result.total);
    for (const m of result.mutants.filter((x) => x.kind === 'mutant')) {
      // A mutant is killed by a verdict that says what went wrong, with an example to show for it.
      const differing = m.cells.filter((c) => !c.matches);
      expect(differing.some((c) => c.verdict !== 'unknown' && c.examples.length > 0), `${m.name} is killed by a finding, not by "nothing to judge"`).toBe(true);
    }
  });
});
