// How the harness starts its own processes (hosts' primaries, workers): the same way this code runs.
// From TypeScript sources (the default, through tsx) every process loads the tsx loader; from a
// compiled build (`.js`) none needs it.
import { createRequire } from 'node:module';
import { extname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** `.ts` when running from sources, `.js` when running a compiled build. */
export const SOURCE_EXT = extname(fileURLToPath(import.meta.url));

/** A sibling module of the harness, by name, with this build's extension. */
export const harnessFile = (name: string): string => fileURLToPath(new URL(`./${name}${SOURCE_EXT}`, import.meta.url));

/** Node flags for a process that runs harness or lab code (tsx only for TypeScript sources; vitest's own flags never). */
export const runtimeExecArgv = (): string[] =>
  SOURCE_EXT === '.ts' ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href] : [];
