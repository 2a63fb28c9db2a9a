// `npm run build:package` (and `npm pack`, through prepack): the package's dist/ from nothing. The
// TypeScript compiles with tsconfig.package.json; then every other file of a lab folder (a data file
// it reads, a Python variant) is copied next to its compiled lab, so that the package holds all a
// built-in lab needs and nothing points back into this repository.
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
/** Sources (compiled instead), a participant's own fix and its backup, and the lessons (in the package's labs/<lab>/README.md, where the matrix header points): never copied. */
const notCopied = (file: string): boolean => /\.[mc]?ts$/.test(file) || /(^|\/)mine\.ts\.bak$/.test(file) || /^[^/]+\/README\.md$/.test(file);

rmSync(dist, { recursive: true, force: true });
const tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.package.json')], { stdio: 'inherit' });
const labs = join(root, 'labs');
for (const file of readdirSync(labs, { recursive: true, encoding: 'utf8' })) {
  if (notCopied(file) || !statSync(join(labs, file)).isFile()) continue;
  cpSync(join(labs, file), join(dist, 'labs', file));
}
