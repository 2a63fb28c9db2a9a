// Mutants: plausible wrong fixes of a lab's fixed variant, kept in `labs/<lab>/mutants/` (rustlings'
// `dev check` proves every exercise fails; this proves every wrong solution fails). Each one runs in
// place of `fixed`, in the cells `fixed` would run in, against `fixed`'s expected verdicts: it is
// *killed* when at least one cell differs. A correct rewrite (marked `// CORRECT:`) must match in
// every cell: the proof that the scenario does not simply reject everything that is not our code.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import type { Lab, VariantSpec } from './contract.js';
import { HarnessError } from './errors.js';
import { sourcePathOf } from './runtime.js';
import { withRedis } from './redis-server.js';
import { planCells, runMatrix, type CellResult, type MatrixOptions, type RunHooks } from './run.js';

export type MutantKind = 'mutant' | 'correct';
export interface Mutant {
  /** The file name without extension; it is the variant name of the mutant's cells. */
  name: string;
  kind: MutantKind;
  /** What is wrong with it (or why it is right), from its first line. */
  description: string;
  /** file: URL of its module. */
  module: string;
}

/** The first line of every mutant file says what it is, in one line (`# MUTANT: …` in a Python mutant of a command lab). */
const MARK = /^(?:\/\/|#) (MUTANT|CORRECT): (.+)$/;

/** The lab's mutants and correct rewrites, in file-name order (an empty list when it has no `mutants/`). */
export async function findMutants(lab: Lab): Promise<Mutant[]> {
  // A command lab's mutants are sources of its own language (never compiled): in the source folder.
  const command = lab.variants.fixed?.command;
  const dir = join(command ? sourcePathOf(lab.folder) : lab.folder, 'mutants');
  const ext = extname(fileURLToPath(lab.variantModule('fixed')));
  let files: string[];
  try {
    files = (await readdir(dir)).filter((f) => f.endsWith(ext) && !f.endsWith(`.d${ext}`)).sort();
    // Run from a build next to its sources: a mutant whose source is gone is gone (its stale build stays).
    const sources = sourcePathOf(dir);
    if (sources !== dir && ext === '.js' && existsSync(sources)) files = files.filter((f) => existsSync(join(sources, `${f.slice(0, -ext.length)}.ts`)));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return Promise.all(files.map(async (file) => {
    const firstLine = (await readFile(join(dir, file), 'utf8')).split('\n', 1)[0]!.trim();
    const mark = MARK.exec(firstLine);
    if (!mark) throw new HarnessError(`${relative(process.cwd(), join(dir, file))}: its first line must be "${command ? '#' : '//'} MUTANT: <what is wrong>" or "${command ? '#' : '//'} CORRECT: <why it is right>"`);
    return { name: file.slice(0, -ext.length), kind: mark[1] === 'MUTANT' ? 'mutant' : 'correct', description: mark[2]!.trim(), module: pathToFileURL(join(dir, file)).href } satisfies Mutant;
  }));
}

/**
 * The lab with one variant, `name`, loaded from `module`, standing in for `standsFor`: it gets that
 * variant's store (unless `overrides` says otherwise) and expected verdicts in every cell. How mutants
 * (and a participant's own fix) are judged.
 */
export function standIn(lab: Lab, name: string, module: string, overrides: Partial<VariantSpec> = {}, standsFor = 'fixed'): Lab {
  const spec = lab.variants[standsFor];
  if (!spec) throw new HarnessError(`lab ${lab.name} has no variant "${standsFor}" to stand in for`);
  return {
    ...lab,
    variants: { [name]: { ...spec, ...overrides } },
    variantModule: (variant) => (variant === name ? module : lab.variantModule(variant)),
    expected: (cell) => lab.expected({ ...cell, variant: standsFor }),
  };
}

export interface MutantResult extends Mutant {
  cells: CellResult[];
  /** A mutant: some cell differs from fixed's expectation. A correct rewrite: never (see `passes`). */
  killed: boolean;
  /** A mutant passes when killed, a correct rewrite when every cell matches. */
  passes: boolean;
  /** Its app could not be built (a mutant must be a working app that is wrong, not a broken one). */
  error?: string;
}

export interface MutantsResult {
  lab: string;
  mutants: MutantResult[];
  /** Mutants killed, of `total` mutants (correct rewrites not counted). */
  killed: number;
  total: number;
  /** Correct rewrites that matched in every cell, of `correct`. */
  correctOk: number;
  correct: number;
  /** Every mutant killed and every correct rewrite ok. */
  passes: boolean;
  durationMs: number;
}

export interface MutantHooks extends RunHooks {
  onMutantStart?: (mutant: Mutant, index: number, total: number) => void;
  onMutantEnd?: (result: MutantResult, index: number, total: number) => void;
}

/** A mutant whose app cannot even be built proves nothing about the scenario: reported, not counted as killed. */
const isBuildFailure = (err: unknown): boolean => err instanceof HarnessError && /could not build the app|exited during start-up/.test(err.message);

async function runOne(lab: Lab, mutant: Mutant, options: MatrixOptions, hooks: RunHooks): Promise<MutantResult> {
  try {
    // A correct rewrite must match in every cell; a mutant is killed by one (with untilMismatch, the rest are not run).
    const { cells } = await runMatrix(standIn(lab, mutant.name, mutant.module), { ...options, variants: [mutant.name], untilMismatch: mutant.kind === 'mutant' && options.untilMismatch }, hooks);
    const killed = mutant.kind === 'mutant' && cells.some((c) => !c.matches);
    return { ...mutant, cells, killed, passes: mutant.kind === 'mutant' ? killed : cells.every((c) => c.matches) };
  } catch (err) {
    if (!isBuildFailure(err)) throw err;
    return { ...mutant, cells: [], killed: false, passes: false, error: (err as Error).message.split('\n')[0]! };
  }
}

/** Runs every given mutant (default: all of the lab's) in place of `fixed`, one Redis for all of them. */
export async function runMutants(lab: Lab, options: MatrixOptions, hooks: MutantHooks = {}, only?: Mutant[]): Promise<MutantsResult> {
  const t0 = performance.now();
  const mutants = only ?? (await findMutants(lab));
  if (mutants.length === 0) throw new HarnessError(`lab ${lab.name} has no mutants (${relative(process.cwd(), join(lab.folder, 'mutants'))}/ is empty or missing)`);
  const needsRedis = planCells(standIn(lab, 'mutant', ''), { ...options, variants: ['mutant'] }).some((c) => c.store === 'redis');
  const results: MutantResult[] = [];
  await withRedis(needsRedis, options.redisUrl, async (redisUrl) => {
    for (const [i, mutant] of mutants.entries()) {
      hooks.onMutantStart?.(mutant, i, mutants.length);
      const result = await runOne(lab, mutant, { ...options, ...(redisUrl && { redisUrl }) }, hooks);
      results.push(result);
      hooks.onMutantEnd?.(result, i, mutants.length);
    }
  });
  const real = results.filter((r) => r.kind === 'mutant');
  const correct = results.filter((r) => r.kind === 'correct');
  return {
    lab: lab.name,
    mutants: results,
    killed: real.filter((r) => r.killed).length,
    total: real.length,
    correctOk: correct.filter((r) => r.passes).length,
    correct: correct.length,
    passes: results.every((r) => r.passes),
    durationMs: Math.round(performance.now() - t0),
  };
}
