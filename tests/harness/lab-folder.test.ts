// A lab found by path: each way a folder can fail to be a lab gets one line that says what is
// missing. (Running such labs, JS and TS, from the installed package: tests/package.test.ts.)
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HarnessError } from '../../harness/errors.js';
import { isLabPath, isTypeScript, loadLabFolder } from '../../harness/lab-folder.js';

/** A lab object as defineLab makes it, by hand, with the given fields left out. */
const labModule = (without: string[] = [], variants: object = { buggy: { summary: 'b' }, fixed: { summary: 'f' } }): string => `
const spec = {
  title: 't', variants: ${JSON.stringify(variants)}, expected: () => 'ok',
  checker: () => ({ verdict: 'ok', anomalies: [], counts: {}, examples: [] }), scenario: () => ({ steps: [] }),
  defaults: { requests: 1, connections: 1 },
};
for (const key of ${JSON.stringify(without)}) delete spec[key];
export default { ...spec, name: 'x', folder: new URL('.', import.meta.url).pathname, variantModule: (v) => new URL('./' + v + '.mjs', import.meta.url).href };
`;

let root = '';
const folder = async (name: string, files: Record<string, string>): Promise<string> => {
  const dir = join(root, name);
  await mkdir(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) await writeFile(join(dir, file), text);
  return dir;
};
const variants = { 'buggy.mjs': 'export default () => null;\n', 'fixed.mjs': 'export default () => null;\n' };

/** The one-line HarnessError that loading `dir` throws. */
async function refusal(dir: string): Promise<string> {
  const err = await loadLabFolder(dir).then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(HarnessError);
  const message = (err as Error).message;
  expect(message.split('\n')).toHaveLength(1);
  return message;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'wsl-lab-folder-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('loadLabFolder', () => {
  it('a path that does not exist', async () => {
    expect(await refusal(join(root, 'nowhere'))).toBe(`no lab at ${join(root, 'nowhere')}: there is no such folder`);
  });

  it('a file, not a folder', async () => {
    const dir = await folder('file-parent', { 'lab.js': '' });
    expect(await refusal(join(dir, 'lab.js'))).toMatch(/lab\.js is not a lab: a lab is a folder \(with index\.js, index\.mjs, index\.ts, index\.mts in it\)$/);
  });

  it('a folder without an index', async () => {
    const dir = await folder('empty', { 'notes.txt': 'hello' });
    expect(await refusal(dir)).toBe(`${dir} is not a lab: it has no index.js, index.mjs, index.ts or index.mts`);
  });

  it('an index that does not load: the error in one line, with the file', async () => {
    const dir = await folder('broken', { 'index.mjs': 'export default {\n' });
    expect(await refusal(dir)).toMatch(new RegExp(`^${relative(process.cwd(), join(dir, 'index.mjs'))} could not be loaded: `));
  });

  it('an index.js in a CommonJS package (npm init\'s "type": "commonjs"): refused before Node tries', async () => {
    const dir = await folder('cjs/lab', { 'index.js': labModule(), ...variants });
    await writeFile(join(root, 'cjs', 'package.json'), '{ "type": "commonjs" }\n');
    expect(await refusal(dir)).toBe(`${dir} is CommonJS (${relative(process.cwd(), join(root, 'cjs', 'package.json'))} has "type": "commonjs"), and a lab is an ES module: set "type": "module" there, or name the lab's files .mjs`);
    // .mjs files are ES modules whatever the package says.
    const mjs = await folder('cjs/mjs-lab', { 'index.mjs': labModule(), ...variants });
    expect(Object.keys((await loadLabFolder(mjs)).variants)).toEqual(['buggy', 'fixed']);
  });

  it('an index without a default export', async () => {
    const dir = await folder('no-default', { 'index.mjs': 'export const lab = 1;\n' });
    expect(await refusal(dir)).toMatch(/index\.mjs has no default export: end it with `export default defineLab\(import\.meta\.url, \{\.\.\.\}\)` \(from 'worker-state-lab'\)$/);
  });

  it('a default export that defineLab did not make', async () => {
    const dir = await folder('plain-object', { 'index.mjs': 'export default { title: "t" };\n' });
    expect(await refusal(dir)).toMatch(/index\.mjs: its default export is not a lab: make it with defineLab\(import\.meta\.url, \{\.\.\.\}\) from 'worker-state-lab'$/);
  });

  it('a lab without a checker', async () => {
    const dir = await folder('no-checker', { 'index.mjs': labModule(['checker']), ...variants });
    expect(await refusal(dir)).toMatch(/index\.mjs: the lab has no `checker`/);
  });

  it('a variant without its file', async () => {
    const dir = await folder('no-fixed', { 'index.mjs': labModule(), 'buggy.mjs': variants['buggy.mjs'] });
    expect(await refusal(dir)).toBe(`${dir} is not a complete lab: variant "fixed" has no file ${relative(process.cwd(), join(dir, 'fixed.mjs'))}`);
  });

  it('a command variant without its source file', async () => {
    const command = { source: 'fixed.py', argv: ['python3', '{file}'], ready: { path: '/' } };
    const dir = await folder('no-py', { 'index.mjs': labModule([], { buggy: { summary: 'b' }, fixed: { summary: 'f', command } }), 'buggy.mjs': variants['buggy.mjs'] });
    expect(await refusal(dir)).toBe(`${dir} is not a complete lab: variant "fixed" has no file ${relative(process.cwd(), join(dir, 'fixed.py'))}`);
    await writeFile(join(dir, 'fixed.py'), 'print("ok")\n');
    expect(Object.keys((await loadLabFolder(dir)).variants)).toEqual(['buggy', 'fixed']);
  });

  it('a complete folder is the lab its index exports', async () => {
    const dir = await folder('complete', { 'index.mjs': labModule(), ...variants });
    const lab = await loadLabFolder(dir);
    expect(Object.keys(lab.variants)).toEqual(['buggy', 'fixed']);
    expect(lab.variantModule('fixed')).toMatch(/\/complete\/fixed\.mjs$/);
  });
});

describe('isLabPath: a folder by path, or a catalog name', () => {
  it.each([['./lab', true], ['../x', true], ['/abs/lab', true], ['ci/labs/price', true], ['.', true], ['per-worker-counter', false]])('%s → %s', (arg, expected) => {
    expect(isLabPath(arg)).toBe(expected);
  });
  it('TypeScript files are those a loader must compile, not declarations', () => {
    expect([isTypeScript('a/index.ts'), isTypeScript('b.mts'), isTypeScript('c.d.ts'), isTypeScript('d.js')]).toEqual([true, true, false, false]);
  });
});
