// The regression contract of every lab (the role of rustlings' `dev check`): each cell of each lab's
// matrix has the verdict the lab declares, and no folder under labs/ is left out of the catalog.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMatrix } from '../harness/run.js';
import { catalog } from '../labs/index.js';
import { ROOT } from './helpers/cli.js';

const labsDir = join(ROOT, 'labs');

describe('the catalog', () => {
  it('holds every folder under labs/, once, in the same shape', () => {
    const folders = readdirSync(labsDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    expect(catalog.map((l) => l.name).sort()).toEqual(folders);
    expect(new Set(catalog.map((l) => l.name)).size).toBe(catalog.length);
    for (const lab of catalog) {
      const dir = join(labsDir, lab.name);
      for (const file of ['index.ts', 'scenario.ts', 'README.md']) expect(existsSync(join(dir, file)), `${lab.name}/${file}`).toBe(true);
      expect(Object.keys(lab.variants)).toEqual(expect.arrayContaining(['buggy', 'fixed']));
      for (const variant of Object.keys(lab.variants)) {
        const source = readFileSync(join(dir, `${variant}.ts`), 'utf8');
        // The lines that matter are marked, so that a reader finds them at once.
        expect(source, `${lab.name}/${variant}.ts marks its key lines`).toMatch(variant === 'fixed' ? /\/\/ FIX:/ : /\/\/ BUG:/);
      }
    }
  });
});

describe.each(catalog.map((lab) => [lab.name, lab] as const))('lab %s', (_name, lab) => {
  it('has the expected verdict in every cell of its matrix', async () => {
    const result = await runMatrix(lab, { workers: 4 });
    const verdicts = result.cells.map((c) => `${c.variant}@${c.workers} ${c.store}: ${c.verdict}`);
    const expected = result.cells.map((c) => `${c.variant}@${c.workers} ${c.store}: ${c.expected}`);
    expect(verdicts).toEqual(expected);
    expect(result.matches).toBe(true);
    for (const cell of result.cells) {
      // Every worker served, and the load was answered: a verdict on nothing would prove nothing.
      expect(Object.keys(cell.spread), `${cell.variant}@${cell.workers} spread`).toHaveLength(cell.workers * cell.hosts);
      expect(cell.acknowledged, `${cell.variant}@${cell.workers} acknowledged`).toBe(cell.requests);
      if (cell.verdict !== 'ok') expect(cell.examples.length, `${cell.variant}@${cell.workers} examples`).toBeGreaterThan(0);
    }
  });
});
