// A lab found by path (`npm run lab ./path/to/lab`, `npx worker-state-lab ./lab`): a folder outside
// the catalog, in a team's own repository, written in JavaScript or TypeScript and importing from
// 'worker-state-lab'. It is checked here before anything starts: a folder that is not a lab gets one
// line saying what is missing (a HarnessError), never a stack trace from a worker.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Lab } from './contract.js';
import { HarnessError } from './errors.js';

/** The index files a lab folder may have, in the order they are looked for. */
export const INDEX_FILES = ['index.js', 'index.mjs', 'index.ts', 'index.mts'] as const;

/** A lab argument that names a folder rather than a catalog lab: `./lab`, `../x`, `/abs/lab`, `ci/lab`. */
export const isLabPath = (arg: string): boolean => arg.startsWith('.') || arg.includes('/') || arg.includes('\\') || isAbsolute(arg);

/** Files that need a TypeScript loader (tsx) in every process that imports them. */
export const isTypeScript = (file: string): boolean => /\.[mc]?ts$/.test(file) && !/\.d\.[mc]?ts$/.test(file);

let tsxRegistered = false;
/** Lets this process import TypeScript (once): what a TS lab's index needs; its workers get `--import tsx`. */
async function registerTsx(): Promise<void> {
  if (tsxRegistered || process.execArgv.join(' ').includes('tsx')) return;
  const { register } = await import('tsx/esm/api');
  register();
  tsxRegistered = true;
}

const shown = (path: string): string => relative(process.cwd(), path) || '.';

/**
 * The package.json that makes `.js` files in `folder` CommonJS, if one does: the nearest one, when it
 * says "type": "commonjs" (what `npm init` writes nowadays). Node would refuse the lab's `import`
 * lines, and print a warning of its own besides; this says it in one line, before anything loads.
 */
function commonJsScope(folder: string): string | undefined {
  for (let dir = folder; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        return (JSON.parse(readFileSync(manifest, 'utf8')) as { type?: unknown }).type === 'commonjs' ? manifest : undefined;
      } catch {
        return undefined; // a package.json that does not parse is Node's to report, when it loads the lab
      }
    }
    if (dirname(dir) === dir) return undefined;
  }
}
const looksLikeLab = (value: unknown): value is Lab => {
  const lab = value as Partial<Lab> | null;
  return typeof lab === 'object' && lab !== null && typeof lab.variantModule === 'function' && typeof lab.folder === 'string';
};

/** Loads and checks the lab in `path`; throws a one-line HarnessError that says what is missing. */
export async function loadLabFolder(path: string): Promise<Lab> {
  const folder = resolve(path);
  if (!existsSync(folder)) throw new HarnessError(`no lab at ${path}: there is no such folder`);
  if (!statSync(folder).isDirectory()) throw new HarnessError(`${path} is not a lab: a lab is a folder (with ${INDEX_FILES.join(', ')} in it)`);
  const index = INDEX_FILES.map((f) => join(folder, f)).find((f) => existsSync(f));
  if (!index) throw new HarnessError(`${path} is not a lab: it has no ${INDEX_FILES.slice(0, 3).join(', ')} or ${INDEX_FILES[3]}`);
  const commonjs = index.endsWith('.js') ? commonJsScope(folder) : undefined;
  if (commonjs) {
    throw new HarnessError(`${path} is CommonJS (${shown(commonjs)} has "type": "commonjs"), and a lab is an ES module: set "type": "module" there, or name the lab's files .mjs`);
  }
  let exported: { default?: unknown };
  try {
    if (isTypeScript(index)) await registerTsx();
    exported = (await import(pathToFileURL(index).href)) as { default?: unknown };
  } catch (err) {
    const first = (err instanceof Error ? err.message : String(err)).split('\n')[0]!;
    // The lab imports the package, but its project has not installed it.
    const hint = /Cannot find package 'worker-state-lab'/.test(first) ? ' (install it in the project of the lab: npm install --save-dev worker-state-lab)'
      // npm init writes "type": "commonjs" nowadays: then an index.js with `import` is not an ES module.
      : /Cannot use import statement outside a module|import\.meta/.test(first) ? ' (a lab is an ES module: "type": "module" in its package.json, or .mjs files)'
      : '';
    throw new HarnessError(`${shown(index)} could not be loaded: ${first}${hint}`);
  }
  if (exported.default === undefined) {
    throw new HarnessError(`${shown(index)} has no default export: end it with \`export default defineLab(import.meta.url, {...})\` (from 'worker-state-lab')`);
  }
  const lab = exported.default;
  if (!looksLikeLab(lab)) throw new HarnessError(`${shown(index)}: its default export is not a lab: make it with defineLab(import.meta.url, {...}) from 'worker-state-lab'`);
  const missing = (['title', 'variants', 'expected', 'checker', 'scenario', 'defaults'] as const).find((k) => lab[k] === undefined);
  if (missing) throw new HarnessError(`${shown(index)}: the lab has no \`${missing}\` (see the README's "Guard your own fix")`);
  if (Object.keys(lab.variants).length === 0) throw new HarnessError(`${shown(index)}: the lab declares no variants`);
  for (const [variant, spec] of Object.entries(lab.variants)) {
    // A variant is a module (buggy.js, fixed.ts...), or a command with its source file (buggy.py).
    const file = spec.command ? join(lab.folder, spec.command.source) : fileURLToPath(lab.variantModule(variant));
    if (!existsSync(file)) throw new HarnessError(`${path} is not a complete lab: variant "${variant}" has no file ${shown(file)}`);
  }
  return lab;
}
