// The mutant machinery on a fixture lab: discovery, standing in for `fixed`, and the score.
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BUILD_ROOT } from '../../harness/runtime.js';
import { findMutants, runMutants, standIn } from '../../harness/mutants.js';
import { planCells } from '../../harness/run.js';
import perWorkerCounter from '../../labs/per-worker-counter/index.js';
import fixture from '../fixtures/mutant-lab/index.js';
import unmarked from '../fixtures/unmarked-mutant-lab/index.js';

describe('findMutants', () => {
  it('finds every mutant and correct rewrite in mutants/, in name order, with its first-line description', async () => {
    const found = await findMutants(fixture);
    expect(found.map(({ name, kind, description }) => ({ name, kind, description }))).toEqual([
      { name: 'counts-twice', kind: 'mutant', description: 'adds 2 per increment (reads show more than was ever attempted)' },
      { name: 'rounds-down', kind: 'mutant', description: 'shows the count rounded down to a multiple of 1 (a no-op: the matrix cannot kill it)' },
      { name: 'same-but-written-differently', kind: 'correct', description: 'the same counter, written another way' },
      { name: 'throws-at-build', kind: 'mutant', description: 'its app cannot even be built (a broken file proves nothing about the scenario)' },
    ]);
    expect(found[0]!.module).toMatch(/tests\/fixtures\/mutant-lab\/mutants\/counts-twice\.ts$/);
  });

  it('run from the build, leaves out a built mutant whose source is gone (deleted since the last build)', async () => {
    // The compiled tree the test run built (tests/setup/build.ts); a stale mutant appears in it.
    const built = join(BUILD_ROOT, 'labs', 'per-worker-counter');
    const stale = join(built, 'mutants', 'deleted-since.js');
    await writeFile(stale, '// MUTANT: deleted from the sources since the last build\nexport default () => {};\n');
    try {
      const lab = { ...perWorkerCounter, folder: built, variantModule: (v: string) => pathToFileURL(join(built, `${v}.js`)).href };
      const names = (await findMutants(lab)).map((m) => m.name);
      expect(names).toEqual((await findMutants(perWorkerCounter)).map((m) => m.name));
      expect(names).not.toContain('deleted-since');
    } finally {
      await rm(stale, { force: true });
    }
  });

  it('refuses a mutant file that does not say what it is, in one line', async () => {
    await expect(findMutants(unmarked)).rejects.toThrow('tests/fixtures/unmarked-mutant-lab/mutants/no-mark.ts: its first line must be "// MUTANT: <what is wrong>" or "// CORRECT: <why it is right>"');
  });
});

describe('standIn', () => {
  it("gives a mutant the fixed variant's store, cells and expected verdicts", () => {
    const lab = standIn(perWorkerCounter, 'some-mutant', 'file:///x.ts');
    expect(Object.keys(lab.variants)).toEqual(['some-mutant']);
    expect(lab.variantModule('some-mutant')).toBe('file:///x.ts');
    const cells = planCells(lab, { workers: 4, hosts: 2 });
    expect(cells.map((c) => `${c.workers} ${c.store} ${c.latency}`)).toEqual(
      planCells(perWorkerCounter, { workers: 4, hosts: 2, variants: ['fixed'] }).map((c) => `${c.workers} ${c.store} ${c.latency}`));
    // Two hosts: the primary store is lost there for fixed, and so for anything standing in for it.
    for (const cell of cells) expect(lab.expected(cell)).toBe(perWorkerCounter.expected({ ...cell, variant: 'fixed' }));
    expect(cells.map((c) => lab.expected(c))).toContain('lost');
  });
});

describe('runMutants', () => {
  it('kills a mutant whose cell differs, lets a no-op survive, keeps the correct rewrite ok, and reports a broken one', async () => {
    const result = await runMutants(fixture, { workers: 1 });
    const byName = Object.fromEntries(result.mutants.map((m) => [m.name, m]));
    expect(byName['counts-twice']).toMatchObject({ killed: true, passes: true });
    expect(byName['counts-twice']!.cells[0]).toMatchObject({ verdict: 'leaked', expected: 'ok', matches: false });
    expect(byName['rounds-down']).toMatchObject({ killed: false, passes: false });
    expect(byName['rounds-down']!.cells.map((c) => c.verdict)).toEqual(['ok']);
    expect(byName['same-but-written-differently']).toMatchObject({ kind: 'correct', killed: false, passes: true });
    expect(byName['throws-at-build']).toMatchObject({ killed: false, passes: false, cells: [] });
    expect(byName['throws-at-build']!.error).toMatch(/could not build the app .*this app does not build/);
    expect(result).toMatchObject({ killed: 1, total: 3, correctOk: 1, correct: 1, passes: false });
  });
});
