// How the harness starts its own processes (hosts' primaries, workers): the same way this code runs.
// From TypeScript sources (the default, through tsx) every process loads the tsx loader; from a
// compiled build (`.js`) none needs it.
import { createRequire } from 'node:module';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** `.ts` when running from sources, `.js` when running a compiled build. */
export const SOURCE_EXT = extname(fileURLToPath(import.meta.url));

/** A sibling module of the harness, by name, with this build's extension. */
export const harnessFile = (name: string): string => fileURLToPath(new URL(`./${name}${SOURCE_EXT}`, import.meta.url));

/** Node flags for a process that runs harness or lab code (tsx only for TypeScript sources; vitest's own flags never). */
export const runtimeExecArgv = (): string[] => [
  // Stack traces point into the sources (a participant's mine.ts:12:5, not the compiled line).
  '--enable-source-maps',
  ...(SOURCE_EXT === '.ts' ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href] : []),
];

/** The project's folder (where package.json is), from sources or from the build in `.build/`. */
export const PROJECT_ROOT = fileURLToPath(new URL(SOURCE_EXT === '.ts' ? '..' : '../..', import.meta.url));
/** Where `npm run build` writes the JavaScript: the same tree under `.build/`. */
export const BUILD_ROOT = join(PROJECT_ROOT, '.build');

/** The source file or folder for a path in the build (`.build/labs/x` → `labs/x`); a source path as it is. */
export const sourcePathOf = (path: string): string =>
  path.startsWith(BUILD_ROOT + sep) ? join(PROJECT_ROOT, relative(BUILD_ROOT, path)) : path;
