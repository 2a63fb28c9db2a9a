// A participant's own fix: `labs/<lab>/mine.ts`, started as a copy of the buggy variant and judged as
// the fixed variant is (same cells, same expected verdicts; issue: exercise mode). It is kept out of
// the project's own type check and build (tsconfig `exclude`): a half-written file must never break
// another lab or the tests. Here it is checked and compiled on its own, and its errors come back as
// the compiler's lines for mine.ts, never as a stack trace.
import { spawn } from 'node:child_process';
import { access, copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Lab } from './contract.js';
import { HarnessError } from './errors.js';
import { standIn } from './mutants.js';
import { BUILD_ROOT, PROJECT_ROOT, SOURCE_EXT, sourcePathOf } from './runtime.js';

export const MINE = 'mine';

/**
 * Whether a lab has exercise mode (`try`, `--variant mine`): mine.ts starts as buggy.ts and is judged
 * as fixed.ts is, so every variant must be a TypeScript app the harness builds. A lab whose variants
 * are commands (a Python server under gunicorn) has none: it is run and taught, not `try`-ed.
 */
export const hasExerciseMode = (lab: Lab): boolean => Object.values(lab.variants).every((v) => !v.command);

/** Where a participant's state lives: progress, and the compiler settings for mine.ts. Git-ignored; tests point it elsewhere. */
export const stateDir = (): string => process.env.WORKER_STATE_LAB_STATE ?? join(PROJECT_ROOT, '.worker-state-lab');

/** labs/<lab>/mine.ts in the sources, whether this code runs from sources or from the build. */
export const minePath = (lab: Lab): string => join(sourcePathOf(lab.folder), `${MINE}.ts`);
/** The path to show a participant: relative to the project. */
export const shownPath = (path: string): string => relative(PROJECT_ROOT, path);

const exists = (path: string): Promise<boolean> => access(path).then(() => true, () => false);
export const mineExists = (lab: Lab): Promise<boolean> => exists(minePath(lab));

function header(lab: Lab): string {
  return [
    `// Your fix of the ${lab.name} lab: ${lab.summary}`,
    `// This file started as a copy of buggy.ts. Change it until every cell shows ✓. It is judged as`,
    `// fixed.ts is (the same cells, the same expected verdicts): npm run lab -- ${lab.name} --variant mine`,
    `// Watch mode, re-run on every save: npm run lab try ${lab.name}   (h: next hint, q: quit)`,
    `// Hints one at a time: npm run lab hint ${lab.name}. The lesson: labs/${lab.name}/README.md`,
    '',
  ].join('\n');
}

/** Creates mine.ts from buggy.ts (with a header) unless it exists; true when it was created. */
export async function createMine(lab: Lab, { overwrite = false } = {}): Promise<boolean> {
  const path = minePath(lab);
  if (!overwrite && (await exists(path))) return false;
  const buggy = await readFile(join(sourcePathOf(lab.folder), 'buggy.ts'), 'utf8');
  await writeFile(path, header(lab) + buggy);
  return true;
}

/** Whether the code reaches for the shared store (outside comments): then its cells run on the lab's stores. */
export function usesStore(source: string): boolean {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  return /\bstore\b/.test(code);
}

/** The compiler's complaints about mine.ts, as `labs/x/mine.ts:3:10 error TS1005: ';' expected.` lines. */
export type CompileResult = { ok: true } | { ok: false; errors: string[] };

const tscBin = (): string => join(createRequire(import.meta.url).resolve('typescript/package.json'), '..', 'bin', 'tsc');

/**
 * Makes mine.ts runnable, at once: esbuild reads it (milliseconds; a syntax error comes back as the
 * compiler's line) and, from the build, writes `.build/labs/<lab>/mine.js`; from sources tsx loads it.
 */
export async function transpileMine(lab: Lab): Promise<CompileResult> {
  const path = minePath(lab);
  const out = join(BUILD_ROOT, relative(PROJECT_ROOT, path)).replace(/\.ts$/, '.js');
  const { transform } = await import('esbuild');
  try {
    const { code, map } = await transform(await readFile(path, 'utf8'), {
      loader: 'ts', format: 'esm', target: 'node20', sourcemap: 'external', sourcefile: relative(dirname(out), path), sourcesContent: false,
    });
    // From sources tsx loads mine.ts itself: the transform was only the quick syntax check (unless the
    // test run compiled the tree, see hostRuntime: then mine.js joins the build like the rest).
    if (SOURCE_EXT === '.ts' && process.env.WORKER_STATE_LAB_USE_BUILD !== '1') return { ok: true };
    await mkdir(dirname(out), { recursive: true });
    await writeFile(`${out}.map`, map);
    await writeFile(out, `${code}//# sourceMappingURL=${basename(out)}.map\n`);
    return { ok: true };
  } catch (err) {
    const { errors = [] } = err as { errors?: Array<{ text: string; location?: { line: number; column: number } | null }> };
    if (errors.length === 0) throw err;
    return { ok: false, errors: errors.map((e) => `${shownPath(path)}:${e.location?.line ?? 1}:${(e.location?.column ?? 0) + 1} error: ${e.text}`) };
  }
}

/** Type-checks mine.ts (with everything it imports) under the project's own settings: about a second. */
export async function typeCheckMine(lab: Lab): Promise<CompileResult> {
  const path = minePath(lab);
  const dir = stateDir();
  await mkdir(dir, { recursive: true });
  const config = join(dir, `tsconfig.${lab.name}.json`);
  await writeFile(config, JSON.stringify({
    extends: relative(dir, join(PROJECT_ROOT, 'tsconfig.json')),
    // typeRoots: the state folder may be anywhere (tests put it in /tmp), the types are the project's.
    compilerOptions: { noEmit: true, incremental: false, typeRoots: [relative(dir, join(PROJECT_ROOT, 'node_modules', '@types'))] },
    include: [relative(dir, path)],
    exclude: [],
  }, null, 2));
  const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [tscBin(), '-p', config, '--pretty', 'false'], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (c) => { text += c; });
    child.stderr.on('data', (c) => { text += c; });
    child.once('error', reject);
    child.once('close', (exitCode) => resolve({ code: exitCode, output: text }));
  });
  if (code === 0) return { ok: true };
  // `labs/x/mine.ts(3,10): error TS1005: ';' expected.` → `labs/x/mine.ts:3:10 error TS1005: ';' expected.`
  const lines = output.split('\n').map((l) => l.trimEnd()).filter(Boolean);
  const errors = lines.map((l) => l.replace(/^(.+?)\((\d+),(\d+)\): /, '$1:$2:$3 ')).filter((l) => l.includes(`${MINE}.ts`));
  return { ok: false, errors: errors.length > 0 ? errors : lines.slice(0, 10) };
}

/** Both: runnable and type-correct (what `--variant mine` needs before it can say ✓). */
export async function compileMine(lab: Lab): Promise<CompileResult> {
  const transpiled = await transpileMine(lab);
  return transpiled.ok ? typeCheckMine(lab) : transpiled;
}

/** The lab with `mine` standing in for `fixed`; throws a one-line HarnessError when there is no mine.ts. */
export async function mineLab(lab: Lab): Promise<Lab> {
  const path = minePath(lab);
  if (!(await exists(path))) throw new HarnessError(`there is no ${shownPath(path)} yet: \`npm run lab try ${lab.name}\` creates it from buggy.ts`);
  const module = SOURCE_EXT === '.ts' ? pathToFileURL(path).href : pathToFileURL(join(BUILD_ROOT, relative(PROJECT_ROOT, path)).replace(/\.ts$/, '.js')).href;
  return standIn(lab, MINE, module, { store: usesStore(await readFile(path, 'utf8')), summary: `your fix (${shownPath(path)})` });
}

/** Puts buggy.ts back into mine.ts (the `x` key of watch mode), keeping the old one as mine.ts.bak. */
export async function resetMine(lab: Lab): Promise<void> {
  const path = minePath(lab);
  if (await exists(path)) await copyFile(path, `${path}.bak`);
  await createMine(lab, { overwrite: true });
}
