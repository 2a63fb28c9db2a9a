// Exercise mode: a participant's labs/<lab>/mine.ts is judged as fixed.ts is. fixed.ts copied into
// mine.ts passes in every lab, buggy.ts does not; broken code gets the compiler's line, not a stack.
// A developer's own mine.ts is put aside for the test and back afterwards; progress goes to a temp folder.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lab } from '../harness/contract.js';
import { compileMine, hasExerciseMode, MINE, mineLab, minePath, transpileMine, usesStore } from '../harness/mine.js';
import { findMutants, standIn } from '../harness/mutants.js';
import { planCells, runMatrix } from '../harness/run.js';
import { catalog } from '../labs/index.js';
import { runLab } from './helpers/cli.js';

let state: string;
beforeAll(async () => {
  state = await mkdtemp(join(tmpdir(), 'worker-state-lab-exercise-'));
  process.env.WORKER_STATE_LAB_STATE = state;
});
afterAll(async () => {
  delete process.env.WORKER_STATE_LAB_STATE;
  await rm(state, { recursive: true, force: true });
});

/** Runs `use` with `source` as the lab's mine.ts, and puts back whatever was there before. */
async function withMine<T>(lab: Lab, source: string, use: () => Promise<T>): Promise<T> {
  const path = minePath(lab);
  const aside = `${path}.aside-for-tests`;
  const had = existsSync(path);
  if (had) await rename(path, aside);
  try {
    await writeFile(path, source);
    return await use();
  } finally {
    await rm(path, { force: true });
    if (had) await rename(aside, path);
  }
}

const variantSource = (lab: Lab, variant: string): Promise<string> => readFile(join(lab.folder, `${variant}.ts`), 'utf8');
/** A mutant file, as if it had been written in the lab's folder: its imports one folder up. */
const asMine = (mutant: string): string => mutant.replaceAll("from '../../../", "from '@@/").replaceAll("from '../", "from './").replaceAll("from '@@/", "from '../../");

// Only labs with exercise mode: a lab whose variants are commands (Python) has no mine.ts; that `try`
// and `--variant mine` refuse it in one line is tested below.
describe.each(catalog.filter(hasExerciseMode).map((lab) => [lab.name, lab] as const))('mine.ts of %s', (_name, lab) => {
  // fixed.ts as mine.ts is fixed's code under another name: planned in fixed's cells against fixed's
  // expectations (compared here), so that tests/catalog.test.ts's run of fixed in every cell is its run
  // too. What only mine.ts has, its own runnable copy and the store found from its code, is proved by
  // running one cell of it here; per-worker-counter's whole matrix as mine.ts goes through the CLI below.
  it('fixed.ts as mine.ts is judged in fixed\'s cells and passes; buggy.ts as mine.ts does not', async () => {
    const plan = (l: Lab, variant: string): string[] =>
      planCells(l, { workers: 4, variants: [variant] }).map((c) => `${JSON.stringify({ ...c, variant: 'x' })} → ${l.expected(c)}`);
    for (const [variant, matches] of [['fixed', true], ['buggy', false]] as const) {
      const result = await withMine(lab, await variantSource(lab, variant), async () => {
        expect(await compileMine(lab)).toEqual({ ok: true });
        const mine = await mineLab(lab);
        if (variant === 'fixed') {
          expect(plan(mine, MINE)).toEqual(plan(lab, 'fixed'));
          return runMatrix(mine, { workers: 1, variants: [MINE], storeLatency: null });
        }
        // buggy.ts shows its bug without the latency cell (a slow store has nothing to add there), and
        // the first cell that shows it is enough.
        return runMatrix(mine, { workers: 4, variants: [MINE], storeLatency: null, untilMismatch: true });
      });
      expect(result.matches, `${variant}.ts as mine.ts: ${result.cells.map((c) => `${c.workers} ${c.latency} ${c.verdict}/${c.expected}`).join(', ')}`).toBe(matches);
      expect(result.cells.length).toBeGreaterThan(0);
      // Its cells are fixed's cells when it uses the store as fixed does (buggy.ts may not).
      expect(result.cells.every((c) => c.variant === MINE)).toBe(true);
    }
  });

  // tests/mutants.test.ts proves every mutant is rejected; this proves that, written as mine.ts, each is
  // judged in the same cells against the same expectations (so `--variant mine` exits 1 for it too),
  // and every correct rewrite likewise passes. One mutant also goes through the CLI below.
  it('judges each mutant and correct rewrite, as mine.ts, in the cells and with the expectations of --mutants', async () => {
    const mutants = await findMutants(lab);
    expect(mutants.length).toBeGreaterThanOrEqual(4);
    for (const mutant of mutants) {
      await withMine(lab, asMine(await readFile(new URL(mutant.module), 'utf8')), async () => {
        expect(await transpileMine(lab), mutant.name).toEqual({ ok: true });
        const mine = await mineLab(lab);
        const asMutant = standIn(lab, mutant.name, mutant.module);
        const plan = (l: Lab, variant: string): string[] =>
          planCells(l, { workers: 4, variants: [variant] }).map((c) => `${JSON.stringify({ ...c, variant: 'x' })} → ${l.expected(c)}`);
        if (usesStore(await readFile(minePath(lab), 'utf8')) === Boolean(lab.variants.fixed!.store)) {
          expect(plan(mine, MINE), mutant.name).toEqual(plan(asMutant, mutant.name));
        } else {
          // A fix that leaves the store out (global-list's module-map) has no store cells as mine.ts:
          // judged here in its own cells, where it must still be rejected (or, if correct, pass).
          const result = await runMatrix(mine, { workers: 4, variants: [MINE] });
          expect(result.matches, `${mutant.name}: ${result.cells.map((c) => `${c.workers} ${c.verdict}/${c.expected}`).join(', ')}`).toBe(mutant.kind === 'correct');
        }
      });
    }
  });

  it('finds from the code whether mine.ts uses the shared store, as each of the lab\'s variants declares', async () => {
    for (const [variant, spec] of Object.entries(lab.variants)) expect(usesStore(await variantSource(lab, variant)), variant).toBe(Boolean(spec.store));
  });
});

describe('labs without exercise mode (variants that are commands)', () => {
  const labs = catalog.filter((l) => !hasExerciseMode(l));

  it('`try` and `--variant mine` refuse each in one line, exit 2, and create no mine.ts', async () => {
    expect(labs.map((l) => l.name)).toContain('gunicorn-counter');
    for (const lab of labs) {
      const refusal = `lab: ${lab.name}'s variants are commands, not TypeScript: write your fix as labs/${lab.name}/mutants/mine.* with the first line "# CORRECT: <why it holds>", and run --mutants (see "Your turn" in labs/${lab.name}/README.md)`;
      for (const args of [[lab.name, '--variant', 'mine'], ['try', lab.name]]) {
        const run = await runLab(args, { env: { WORKER_STATE_LAB_STATE: state } });
        expect(run.code, args.join(' ')).toBe(2);
        expect(run.stderr.trim(), args.join(' ')).toBe(refusal);
        expect(run.stdout, args.join(' ')).toBe('');
      }
      expect(existsSync(minePath(lab)), `${lab.name}: no mine.ts was created`).toBe(false);
    }
  });
});

describe('usesStore', () => {
  it('looks at the code, not at the comments', () => {
    expect(usesStore('// no store here\n/* store */ const count = 0;')).toBe(false);
    expect(usesStore('export default defineVariant(({ store }) => app(store));')).toBe(true);
    expect(usesStore('export default defineVariant((ctx) => app(ctx.store));')).toBe(true);
  });
});

describe('npm run lab -- <lab> --variant mine (exit codes)', () => {
  const lab = catalog.find((l) => l.name === 'per-worker-counter')!;
  const env = (): Record<string, string> => ({ WORKER_STATE_LAB_STATE: state });

  it('no mine.ts yet: one line on how to create it, exit 2', async () => {
    const path = minePath(lab);
    const aside = `${path}.aside-for-tests`;
    const had = existsSync(path);
    if (had) await rename(path, aside);
    try {
      const run = await runLab(['per-worker-counter', '--variant', 'mine'], { env: env() });
      expect(run.code).toBe(2);
      expect(run.stderr.trim()).toBe('lab: there is no labs/per-worker-counter/mine.ts yet: `npm run lab try per-worker-counter` creates it from buggy.ts');
    } finally {
      if (had) await rename(aside, path);
    }
  });

  it('a syntax error: exit 2, the compiler\'s line for mine.ts (file:line:col), no stack trace', async () => {
    const run = await withMine(lab, "import express from 'express';\nexport default () => { const app = express(; return app; };\n", () =>
      runLab(['per-worker-counter', '--variant', 'mine'], { env: env() }));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^lab: labs\/per-worker-counter\/mine\.ts does not compile:\n {2}labs\/per-worker-counter\/mine\.ts:2:\d+ error( TS\d+)?: .+/);
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });

  it('an exception while the app is built: exit 2, the message and where in mine.ts', async () => {
    const source = "import { defineVariant } from '../../harness/contract.js';\nexport default defineVariant(() => {\n  throw new Error('not written yet');\n});\n";
    const run = await withMine(lab, source, () => runLab(['per-worker-counter', '--variant', 'mine'], { env: env() }));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^lab: .*could not build the app of labs\/per-worker-counter\/mine\.ts: not written yet \(at labs\/per-worker-counter\/mine\.ts:3:9\)$/m);
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });

  it('a mutant as mine.ts: exit 1, and the cell that differs with its example', async () => {
    const mutant = (await findMutants(lab)).find((m) => m.kind === 'mutant')!;
    const run = await withMine(lab, asMine(await readFile(new URL(mutant.module), 'utf8')), () => runLab(['per-worker-counter', '--variant', 'mine'], { env: env() }));
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/✗ not yet: \d of \d cells differ from what fixed\.ts must show\./);
    expect(run.stdout).toMatch(/^ {4}└ .+/m);
  });

  it('fixed.ts as mine.ts: exit 0, and the lab counts as done', async () => {
    const run = await withMine(lab, await variantSource(lab, 'fixed'), () => runLab(['per-worker-counter', '--variant', 'mine'], { env: env() }));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('✓ your fix holds in all');
    expect(JSON.parse(await readFile(join(state, 'progress.json'), 'utf8')).done).toContain('per-worker-counter');
    const list = await runLab([], { env: env() });
    expect(list.stdout).toMatch(/✓ per-worker-counter/);
    expect(list.stdout).toMatch(/Next: npm run lab try global-list/);
  });
});
