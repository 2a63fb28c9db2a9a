// How the harness starts its own processes (hosts' primaries, workers): the same way this code runs.
// From TypeScript sources (the default, through tsx) every process loads the tsx loader; from a
// compiled build (`.js`) none needs it.
import { createRequire } from 'node:module';
import { extname, join, relative, sep } from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** `.ts` when running from sources, `.js` when running a compiled build. */
export const SOURCE_EXT = extname(fileURLToPath(import.meta.url));

/** A sibling module of the harness, by name, with this build's extension. */
export const harnessFile = (name: string): string => fileURLToPath(new URL(`./${name}${SOURCE_EXT}`, import.meta.url));

/** Node flags for a process that runs harness or lab code (tsx only for TypeScript sources; vitest's own flags never). */
export const runtimeExecArgv = (): string[] => [
  // Stack traces point into the sources (a participant's mine.ts:12:5, not the compiled line).
  '--enable-source-maps',
  ...(SOURCE_EXT === '.ts' ? tsxImport() : []),
];
/** Node flags that load tsx (a dependency of this package) in a process. */
const tsxImport = (): string[] => ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href];

/** The project's folder (where package.json is), from sources or from the build in `.build/`. */
export const PROJECT_ROOT = fileURLToPath(new URL(SOURCE_EXT === '.ts' ? '..' : '../..', import.meta.url));
/** Where `npm run build` writes the JavaScript: the same tree under `.build/`. */
export const BUILD_ROOT = join(PROJECT_ROOT, '.build');

/** The source file or folder for a path in the build (`.build/labs/x` → `labs/x`); a source path as it is. */
export const sourcePathOf = (path: string): string =>
  path.startsWith(BUILD_ROOT + sep) ? join(PROJECT_ROOT, relative(BUILD_ROOT, path)) : path;

/**
 * How to start a host for `variantModule`: its primary's entry file, the Node flags, and the module
 * the workers load. From sources, every process loads tsx; when the test run compiled the tree first
 * (WORKER_STATE_LAB_USE_BUILD=1, vitest.config.ts) and the variant is part of that build, the
 * processes run the compiled JavaScript instead: half the CPU, the same code. Anything outside the
 * build (a test fixture, a participant's mine.ts) still runs from sources.
 */
export function hostRuntime(variantModule: string): { primary: string; execArgv: string[]; variantModule: string } {
  if (SOURCE_EXT === '.ts' && process.env.WORKER_STATE_LAB_USE_BUILD === '1' && variantModule.startsWith('file:')) {
    const path = fileURLToPath(variantModule);
    const built = join(BUILD_ROOT, relative(PROJECT_ROOT, path)).replace(/\.ts$/, '.js');
    const primary = join(BUILD_ROOT, 'harness', 'cluster-primary.js');
    if (!relative(PROJECT_ROOT, path).startsWith('..') && existsSync(built) && existsSync(primary)) {
      return { primary, execArgv: ['--enable-source-maps'], variantModule: pathToFileURL(built).href };
    }
  }
  // A TypeScript lab found by path, run by the compiled harness (the installed package): its
  // processes load tsx, which comes with the package. A JavaScript lab needs no loader.
  const typeScriptLab = SOURCE_EXT === '.js' && /\.[mc]?ts$/.test(variantModule);
  return { primary: harnessFile('cluster-primary'), execArgv: [...runtimeExecArgv(), ...(typeScriptLab ? tsxImport() : [])], variantModule };
}
