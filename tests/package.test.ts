// The installable package as a team uses it: `npm pack`, the tarball installed as a dev dependency
// of a fresh project in a temporary folder (outside this repository: it sees none of our sources),
// then `npx worker-state-lab` on the README guide's lab folder (examples/guard-your-fix, JavaScript)
// and on a TypeScript lab (examples/typescript-lab): the expected matrix, a fix that regressed, the
// JUnit file, folders that are not labs, and a built-in lab run from the package.
// The slowest single test of the suite (npm install from the registry, five runs): kept to 2 workers
// and small loads.
import { spawn, type SpawnOptions } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processesTagged, ROOT } from './helpers/cli.js';
import { parseXml, type XmlElement } from './helpers/xml.js';

const EXAMPLES = join(ROOT, 'examples');
const PRICES = 'src/prices.js';

interface Run { code: number | null; stdout: string; stderr: string; ms: number; tag: string }

/** A user's shell: none of the variables that the npm running these tests (or vitest) set. */
function userEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== 'WORKER_STATE_LAB_USE_BUILD'));
  return { ...env, FORCE_COLOR: '0' };
}

/** Runs a command to its end; `WSL_TEST_TAG` marks every process it starts (tests/helpers/cli.ts). */
function run(command: string, args: string[], options: SpawnOptions): Promise<Run> {
  const tag = randomUUID();
  const t0 = performance.now();
  const child = spawn(command, args, { ...options, env: { ...userEnv(), WSL_TEST_TAG: tag }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c) => { stdout += c; });
  child.stderr!.on('data', (c) => { stderr += c; });
  return new Promise((done, fail) => {
    child.once('error', fail);
    child.once('close', (code) => done({ code, stdout, stderr, ms: Math.round(performance.now() - t0), tag }));
  });
}

let project = '';
let packDir = '';
let packed: { filename: string; size: number; entryCount: number; files: Array<{ path: string }> };
const timings: Record<string, number> = {};

/** `npx worker-state-lab ...` in the project; npm's own warnings (this machine's npm config) are not the command's output. */
async function npx(...args: string[]): Promise<Run> {
  const result = await run('npx', ['worker-state-lab', ...args], { cwd: project });
  expect(processesTagged(result.tag), 'processes left behind').toEqual([]);
  return { ...result, stderr: result.stderr.split('\n').filter((l) => !l.startsWith('npm warn ')).join('\n') };
}

type Row = [variant: string, workers: number, store: string, latency: string, verdict: string, matches: boolean];
const rows = (json: { cells: Array<Record<string, unknown>> }): Row[] => json.cells.map((c) => [c.variant, c.workers, c.store, c.latency, c.verdict, c.matches] as Row);
const cases = (xml: string): XmlElement[] => {
  const root = parseXml(xml);
  expect(root.name).toBe('testsuites');
  const suites = root.children.filter((c) => c.name === 'testsuite');
  expect(suites).toHaveLength(1);
  return suites[0]!.children.filter((c) => c.name === 'testcase');
};

beforeAll(async () => {
  packDir = await mkdtemp(join(tmpdir(), 'wsl-pack-'));
  const pack = await run('npm', ['pack', '--pack-destination', packDir, '--json'], { cwd: ROOT });
  expect(pack.code, pack.stderr).toBe(0);
  packed = JSON.parse(pack.stdout)[0];
  timings.packMs = pack.ms;

  // A team's repository: the guide's app and lab folder, and a TypeScript lab next to it.
  project = await mkdtemp(join(tmpdir(), 'wsl-project-'));
  const manifest = JSON.parse(await readFile(join(EXAMPLES, 'guard-your-fix', 'package.json'), 'utf8'));
  manifest.devDependencies['worker-state-lab'] = `file:${join(packDir, packed.filename)}`;
  await writeFile(join(project, 'package.json'), JSON.stringify(manifest, null, 2));
  await cp(join(EXAMPLES, 'guard-your-fix', 'src'), join(project, 'src'), { recursive: true });
  await cp(join(EXAMPLES, 'guard-your-fix', 'labs'), join(project, 'labs'), { recursive: true });
  await cp(join(EXAMPLES, 'typescript-lab', 'labs'), join(project, 'labs'), { recursive: true });
  await cp(join(EXAMPLES, 'typescript-lab', 'tsconfig.json'), join(project, 'tsconfig.json'));
  const install = await run('npm', ['install', '--no-audit', '--no-fund'], { cwd: project });
  expect(install.code, install.stderr).toBe(0);
  timings.installMs = install.ms;
}, 240_000);

afterAll(async () => {
  // The numbers the issue asks for, in the test log: how big, how long.
  if (packed) console.info(`package: ${packed.filename} ${Math.round(packed.size / 1024)} kB, ${packed.entryCount} files; ${JSON.stringify(timings)}`);
  await Promise.all([project, packDir].filter(Boolean).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('README "Guard your own fix"', () => {
  it('shows every file of examples/guard-your-fix that this test runs, verbatim', async () => {
    const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
    const guide = readme.slice(readme.indexOf('## Guard your own fix\n'), readme.indexOf('\n## ', readme.indexOf('## Guard your own fix\n') + 5));
    const shown = new Map([...guide.matchAll(/^`([\w./-]+)`:\n\n```\w+\n([\s\S]*?)^```$/gm)].map(([, path, text]) => [path!, text!]));
    const files = (await readdir(join(EXAMPLES, 'guard-your-fix'), { recursive: true, withFileTypes: true }))
      .filter((d) => d.isFile() && d.name.endsWith('.js'))
      .map((d) => join(d.parentPath, d.name).slice(join(EXAMPLES, 'guard-your-fix').length + 1));
    expect([...shown.keys()].sort()).toEqual(files.sort());
    for (const file of files) expect(shown.get(file), file).toBe(await readFile(join(EXAMPLES, 'guard-your-fix', file), 'utf8'));
    expect(guide).toContain('npx worker-state-lab ./labs/price-cache --junit reports/worker-state-lab.xml');
  });
});

describe('the tarball', () => {
  it('holds compiled JavaScript, the .d.ts of the entry, the bin and the lessons; no sources, tests or examples', () => {
    const paths = packed.files.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining([
      'package.json', 'README.md', 'dist/scripts/bin.js', 'dist/harness/index.js', 'dist/harness/index.d.ts',
      'dist/harness/checkers/index.d.ts', 'dist/labs/per-worker-counter/fixed.js', 'labs/per-worker-counter/README.md',
    ]));
    expect(paths.filter((p) => /\.ts$/.test(p) && !p.endsWith('.d.ts'))).toEqual([]);
    expect(paths.filter((p) => /^(tests|examples|scripts|harness)\/|\.map$|^dist\/labs\/[^/]+\/mine\.js$/.test(p))).toEqual([]);
  });

  it('depends on nothing outside itself: every relative import resolves inside the package, no path into this repository', async () => {
    const pkg = join(project, 'node_modules', 'worker-state-lab');
    const files = (await readdir(join(pkg, 'dist'), { recursive: true })).filter((f) => f.endsWith('.js')).map((f) => join(pkg, 'dist', f));
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      expect(text, file).not.toContain(ROOT);
      expect(text, file).not.toMatch(/\.\.\/shared|\/seeds\//);
      for (const [, spec] of text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
        const target = resolve(dirname(file), spec!);
        expect(target.startsWith(pkg + '/') && existsSync(target), `${file} imports ${spec}`).toBe(true);
      }
    }
    const manifest = JSON.parse(await readFile(join(pkg, 'package.json'), 'utf8'));
    expect(manifest.bin).toEqual({ 'worker-state-lab': 'dist/scripts/bin.js' });
    expect(manifest.exports['.']).toEqual({ types: './dist/harness/index.d.ts', default: './dist/harness/index.js' });
  });
});

describe('npx worker-state-lab ./labs/price-cache (the guide\'s JavaScript lab)', () => {
  it('the code as it is: exit 0, every cell as expected, and a JUnit file with one passing testcase per cell', async () => {
    const result = await npx('./labs/price-cache', '--workers', '2', '--json', '--junit', 'reports/worker-state-lab.xml');
    timings.firstRunMs = result.ms;
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json).toMatchObject({ lab: 'price-cache', matches: true });
    expect(rows(json)).toEqual([
      ['buggy', 1, 'primary', 'none', 'ok', true],
      ['buggy', 2, 'primary', 'none', 'stale', true],
      ['buggy', 2, 'primary', '0-50', 'stale', true],
      ['fixed', 1, 'primary', 'none', 'ok', true],
      ['fixed', 2, 'primary', 'none', 'ok', true],
      ['fixed', 2, 'primary', '0-50', 'ok', true],
    ]);
    const testcases = cases(await readFile(join(project, 'reports', 'worker-state-lab.xml'), 'utf8'));
    expect(testcases.map((c) => c.attrs.name)).toEqual(['buggy@1/primary', 'buggy@2/primary', 'buggy@2/primary~0-50ms', 'fixed@1/primary', 'fixed@2/primary', 'fixed@2/primary~0-50ms']);
    for (const c of testcases) {
      expect(c.attrs.classname).toBe('price-cache');
      expect(Number(c.attrs.time)).toBeGreaterThan(0);
      expect(c.children).toEqual([]);
    }
  });

  it('a fix that regressed (a per-worker cache back in src/prices.js): exit 1, a <failure> for each cell under 2 workers', async () => {
    const file = join(project, PRICES);
    const original = await readFile(file, 'utf8');
    // What a well-meant "speed-up" looks like: a Map in the module, filled on reads, updated on writes.
    const broken = original
      .replace('export function pricesApp({ db }) {', 'const cache = new Map();\n\nexport function pricesApp({ db }) {')
      .replace('const stored = await db.get(`price:${req.params.sku}`);', 'if (!cache.has(req.params.sku)) cache.set(req.params.sku, await db.get(`price:${req.params.sku}`));\n    const stored = cache.get(req.params.sku);')
      .replace('await db.set(`price:${req.params.sku}`, String(cents));', 'await db.set(`price:${req.params.sku}`, String(cents));\n    cache.set(req.params.sku, String(cents));');
    expect(broken.match(/cache\./g)).toHaveLength(4);
    await writeFile(file, broken);
    try {
      const result = await npx('./labs/price-cache', '--workers', '2', '--variant', 'fixed', '--json', '--junit', 'reports/broken.xml');
      expect(result.code, result.stderr).toBe(1);
      expect(rows(JSON.parse(result.stdout))).toEqual([
        ['fixed', 1, 'primary', 'none', 'ok', true],
        ['fixed', 2, 'primary', 'none', 'stale', false],
        ['fixed', 2, 'primary', '0-50', 'stale', false],
      ]);
      const testcases = cases(await readFile(join(project, 'reports', 'broken.xml'), 'utf8'));
      expect(testcases.map((c) => [c.attrs.name, c.children.map((f) => [f.name, f.attrs.type, f.attrs.message])]).filter(([, f]) => f!.length > 0)).toEqual([
        ['fixed@2/primary', [['failure', 'stale', 'expected ok, got stale']]],
        ['fixed@2/primary~0-50ms', [['failure', 'stale', 'expected ok, got stale']]],
      ]);
      expect(testcases).toHaveLength(3);
      expect(testcases[1]!.children[0]!.text).toMatch(/^verdict stale, expected ok\nexample: read on worker \d saw version \d+, [\d,]+ ms after version \d+/);
    } finally {
      await writeFile(file, original);
    }
  });
});

describe('--mutants --junit on a lab folder', () => {
  it('one testcase per mutant: a killed one passes, a survivor is a <failure>; exit 1', async () => {
    const dir = join(project, 'labs', 'price-cache', 'mutants');
    await mkdir(dir, { recursive: true });
    const variant = (mark: string, body: string) => `// ${mark}\nimport { defineVariant } from 'worker-state-lab';\nimport { pricesApp } from '../../../src/prices.js';\n${body}`;
    // A cache that forgets after a second: still the old price on the other workers within it.
    await writeFile(join(dir, 'short-cache.js'), variant('MUTANT: a per-worker cache that forgets after 1 s', [
      'const seen = new Map();',
      'export default defineVariant(({ store }) => pricesApp({ db: {',
      '  get: async (key) => { const hit = seen.get(key); if (hit && Date.now() - hit.at < 1000) return hit.value; const value = await store.get(key); seen.set(key, { value, at: Date.now() }); return value; },',
      '  set: (key, value) => store.set(key, value),',
      '} }));',
      '',
    ].join('\n')));
    // The fix itself, marked as a mutant: nothing can kill it, so it survives.
    await writeFile(join(dir, 'same-as-fixed.js'), variant('MUTANT: the fix itself (a survivor, on purpose)', 'export default defineVariant(({ store }) => pricesApp({ db: store }));\n'));
    try {
      const result = await npx('./labs/price-cache', '--mutants', '--workers', '2', '--store-latency', 'none', '--junit', 'reports/mutants.xml');
      expect(result.code, result.stderr).toBe(1);
      const testcases = cases(await readFile(join(project, 'reports', 'mutants.xml'), 'utf8'));
      expect(testcases.map((c) => [c.attrs.name, c.attrs.classname, c.children.map((f) => `${f.name}:${f.attrs.type}`)])).toEqual([
        ['mutant same-as-fixed', 'price-cache.mutants', ['failure:survived']],
        ['mutant short-cache', 'price-cache.mutants', []],
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('a TypeScript lab (examples/typescript-lab)', () => {
  it("type-checks against the package's own .d.ts", async () => {
    // The team's project would install typescript and @types/express; this test borrows the repository's.
    await writeFile(join(project, 'tsconfig.check.json'), JSON.stringify({
      extends: './tsconfig.json',
      compilerOptions: { typeRoots: [join(ROOT, 'node_modules', '@types')], paths: { express: [join(ROOT, 'node_modules', '@types', 'express', 'index.d.ts')] } },
    }));
    const tsc = await run(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.check.json', '--pretty', 'false'], { cwd: project });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.code).toBe(0);
  });

  it('runs through the tsx that comes with the package: exit 0, every cell as expected', async () => {
    const result = await npx('./labs/visit-counter', '--workers', '2', '--requests', '100', '--store-latency', 'none', '--json');
    expect(result.code, result.stderr).toBe(0);
    expect(rows(JSON.parse(result.stdout))).toEqual([
      ['buggy', 1, 'none', 'none', 'ok', true],
      ['buggy', 2, 'none', 'none', 'lost', true],
      ['fixed', 1, 'primary', 'none', 'ok', true],
      ['fixed', 2, 'primary', 'none', 'ok', true],
    ]);
  });
});

describe('a folder that is not a lab: one line that says what is missing, exit 2', () => {
  it.each([
    ['./not-a-lab', 'lab: ./not-a-lab is not a lab: it has no index.js, index.mjs, index.ts or index.mts'],
    ['./labs/no-fixed', 'lab: ./labs/no-fixed is not a complete lab: variant "fixed" has no file labs/no-fixed/fixed.js'],
    ['./nowhere', 'lab: no lab at ./nowhere: there is no such folder'],
    ['./commonjs/lab', 'lab: ./commonjs/lab is CommonJS (commonjs/package.json has "type": "commonjs"), and a lab is an ES module: set "type": "module" there, or name the lab\'s files .mjs'],
  ])('%s', async (folder, line) => {
    // What `npm init -y` makes today: a CommonJS package, where an index.js with `import` does not load.
    await mkdir(join(project, 'commonjs', 'lab'), { recursive: true });
    await writeFile(join(project, 'commonjs', 'package.json'), '{ "type": "commonjs" }\n');
    await cp(join(project, 'labs', 'price-cache', 'index.js'), join(project, 'commonjs', 'lab', 'index.js'));
    await mkdir(join(project, 'not-a-lab'), { recursive: true });
    await writeFile(join(project, 'not-a-lab', 'README.md'), 'notes\n');
    if (!existsSync(join(project, 'labs', 'no-fixed'))) {
      await cp(join(project, 'labs', 'price-cache'), join(project, 'labs', 'no-fixed'), { recursive: true });
      await rm(join(project, 'labs', 'no-fixed', 'fixed.js'));
    }
    const result = await npx(folder, '--junit', 'reports/error.xml');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim()).toBe(line);
    // The CI's test view still says why: one testcase with an <error>.
    const [testcase] = cases(await readFile(join(project, 'reports', 'error.xml'), 'utf8'));
    expect(testcase!.children[0]).toMatchObject({ name: 'error', attrs: { message: line.replace(/^lab: /, '') } });
  });
});

describe('a lab whose app cannot be built', () => {
  it('a variant that throws while its app is built: exit 2, one line naming the lab\'s own file and line', async () => {
    const file = join(project, 'labs', 'price-cache', 'fixed.js');
    const original = await readFile(file, 'utf8');
    await writeFile(file, original.replace('export default defineVariant(({ store }) => pricesApp({ db: store }));', "export default defineVariant(() => {\n  throw new Error('no database');\n});"));
    try {
      const result = await npx('./labs/price-cache', '--variant', 'fixed', '--workers', '1', '--store-latency', 'none');
      expect(result.code).toBe(2);
      expect(result.stderr.trim()).toBe('lab: worker could not build the app of labs/price-cache/fixed.js: no database (at labs/price-cache/fixed.js:7:9)');
    } finally {
      await writeFile(file, original);
    }
  });
});

describe('the built-in labs, from the package', () => {
  it('no argument lists them; --help gives the usage', async () => {
    const list = await npx();
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^ {2}per-worker-counter {2}A counter/m);
    const help = await npx('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('npx worker-state-lab [<lab> | ./path/to/lab] [options]');
    expect(help.stdout).toContain('--junit FILE');
  });

  it('exercise mode needs a clone: one line that says so', async () => {
    const result = await npx('try', 'per-worker-counter');
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe('lab: try needs the labs\' sources: clone the worker-state-lab repository, npm install, then npm run lab try per-worker-counter');
  });

  it('npx worker-state-lab per-worker-counter: runs from the package, exit 0', async () => {
    const result = await npx('per-worker-counter', '--workers', '2', '--variant', 'buggy', '--requests', '100', '--json');
    expect(result.code, result.stderr).toBe(0);
    expect(rows(JSON.parse(result.stdout))).toEqual([['buggy', 1, 'none', 'none', 'ok', true], ['buggy', 2, 'none', 'none', 'lost', true]]);
  });
});
