// The regression contract of every lab (the role of rustlings' `dev check`): each cell of each lab's
// matrix has the verdict the lab declares, and no folder under labs/ is left out of the catalog.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMatrix } from '../harness/run.js';
import { catalog } from '../labs/index.js';
import { ROOT } from './helpers/cli.js';
import { skipLab, unlessMissing } from './helpers/python.js';
import type { LabSpecifics } from './labs/cell.js';

/** Each lab's own assertions beyond its verdicts: tests/labs/<lab>.specifics.ts. */
const specificsOf = async (lab: string): Promise<LabSpecifics> =>
  ((await import(`./labs/${lab}.specifics.ts`)) as { default: LabSpecifics }).default;

const labsDir = join(ROOT, 'labs');

describe('the catalog', () => {
  it('has lab-specific assertions for every lab (tests/labs/<lab>.specifics.ts)', () => {
    const files = readdirSync(join(ROOT, 'tests', 'labs')).filter((f) => f.endsWith('.specifics.ts')).map((f) => f.replace('.specifics.ts', ''));
    expect(files.sort()).toEqual(catalog.map((l) => l.name).sort());
  });

  it('holds every folder under labs/, once, in the same shape', () => {
    const folders = readdirSync(labsDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    expect(catalog.map((l) => l.name).sort()).toEqual(folders);
    expect(new Set(catalog.map((l) => l.name)).size).toBe(catalog.length);
    for (const lab of catalog) {
      const dir = join(labsDir, lab.name);
      for (const file of ['index.ts', 'scenario.ts', 'README.md']) expect(existsSync(join(dir, file)), `${lab.name}/${file}`).toBe(true);
      expect(Object.keys(lab.variants)).toEqual(expect.arrayContaining(['buggy', 'fixed']));
      // Exercise mode shows three hints, one step closer each; none gives the fix away as code.
      expect(lab.hints, `${lab.name} hints`).toHaveLength(3);
      const fixedSource = readFileSync(join(dir, lab.variants.fixed?.command?.source ?? 'fixed.ts'), 'utf8');
      for (const hint of lab.hints ?? []) {
        for (const line of fixedSource.split('\n').map((l) => l.trim()).filter((l) => l.length > 25 && !l.startsWith('//'))) expect(hint, `${lab.name} hint`).not.toContain(line);
      }
      // `npm run lab serve` prints these for a live workshop: curl commands against the served URL.
      expect(lab.tryIt?.length, `${lab.name} tryIt`).toBeGreaterThanOrEqual(2);
      // Each one either asks the served app (curl … {url}) or changes the lab's data from outside (… > {dataDir}/…).
      for (const command of lab.tryIt ?? []) expect(command, `${lab.name} tryIt`).toMatch(/\bcurl\b.*\{url\}|>\s*\{dataDir\}\//);
      expect(lab.tryIt?.filter((c) => /\bcurl\b.*\{url\}/.test(c)).length, `${lab.name} tryIt asks the app`).toBeGreaterThanOrEqual(2);
      for (const variant of Object.keys(lab.variants)) {
        // A command variant's source is in its own language (`# BUG:` in Python).
        const file = lab.variants[variant]!.command?.source ?? `${variant}.ts`;
        const source = readFileSync(join(dir, file), 'utf8');
        // The lines that matter are marked, so that a reader finds them at once.
        expect(source, `${lab.name}/${file} marks its key lines`).toMatch(variant === 'fixed' ? /(\/\/|#) FIX:/ : /(\/\/|#) BUG:/);
      }
    }
  });
});

// Labs run two at a time (vitest's maxConcurrency): the verdicts must not depend on the machine being idle.
describe.concurrent.each(catalog.map((lab) => [lab.name, lab] as const))('lab %s', (_name, lab) => {
  it.skipIf(skipLab(lab))(unlessMissing(lab, 'has the expected verdict in every cell of its matrix'), async ({ expect }) => {
    const result = await runMatrix(lab, { workers: 4 });
    const verdicts = result.cells.map((c) => `${c.variant}@${c.workers} ${c.store}: ${c.verdict}`);
    const expected = result.cells.map((c) => `${c.variant}@${c.workers} ${c.store}: ${c.expected}`);
    expect(verdicts).toEqual(expected);
    expect(result.matches).toBe(true);
    for (const cell of result.cells) {
      // Every worker served, and the load was answered: a verdict on nothing would prove nothing.
      expect(Object.keys(cell.spread), `${cell.variant}@${cell.workers} spread`).toHaveLength(cell.workers * cell.hosts);
      // A command's server may close each connection after its answer (gunicorn's sync worker), and
      // autocannon has often written its next request on it by then: that request was never read
      // (indeterminate, about half the load; the lab's specifics check it never counted). Elsewhere none.
      if (lab.variants[cell.variant]!.command) expect(cell.acknowledged, `${cell.variant}@${cell.workers} acknowledged`).toBeGreaterThan(cell.requests / 3);
      else expect(cell.indeterminate, `${cell.variant}@${cell.workers} indeterminate`).toBe(0);
      expect(cell.acknowledged, `${cell.variant}@${cell.workers} acknowledged`).toBeGreaterThan(0);
      // A 4xx can be the bug itself (a 401 for a session that another worker holds); in an ok cell only
      // where the scenario expected one (a read after logout must be refused).
      if (cell.verdict === 'ok') expect(cell.failed, `${cell.variant}@${cell.workers} failed`).toBe(cell.expectedFailures);
      if (cell.verdict !== 'ok') expect(cell.examples.length, `${cell.variant}@${cell.workers} examples`).toBeGreaterThan(0);
    }
    (await specificsOf(lab.name))(result, expect);
  });
});
