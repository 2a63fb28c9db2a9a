// The regression contract of every lab (the role of rustlings' `dev check`): each cell of each lab's
// matrix has the verdict the lab declares, and no folder under labs/ is left out of the catalog.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, type ExpectStatic } from 'vitest';
import { runMatrix, type CellResult, type MatrixResult } from '../harness/run.js';
import { catalog } from '../labs/index.js';
import { TTL_MS } from '../labs/module-load-read/ttl.js';
import { USERS } from '../labs/session-memory/scenario.js';
import { ROOT } from './helpers/cli.js';

const cell = (result: MatrixResult, variant: string, workers: number): CellResult => {
  const found = result.cells.find((c) => c.variant === variant && c.workers === workers);
  if (!found) throw new Error(`no cell ${variant}@${workers}`);
  return found;
};

/** What each lab's matrix must show beyond its verdicts: the numbers and examples that teach the bug. */
const specifics: Record<string, (result: MatrixResult, expect: ExpectStatic) => void> = {
  'per-worker-counter': (r, expect) => {
    expect(cell(r, 'buggy', 4).counts.lost).toBeGreaterThan(0);
    expect(cell(r, 'naive', 1).counts.lost).toBeGreaterThan(0);
    expect(cell(r, 'fixed', 4).counts).toMatchObject({ lost: 0, lowestRead: 2000, highestRead: 2000 });
  },
  'global-list': (r, expect) => {
    expect(cell(r, 'buggy', 1).anomalies).toEqual(['leaked']);
    expect(cell(r, 'buggy', 4).anomalies).toEqual(['lost', 'leaked']);
    expect(cell(r, 'buggy', 4).counts.lost).toBeGreaterThan(0);
    expect(cell(r, 'buggy', 4).examples[0]).toMatch(/^user u\d added item u\d-\d+ on worker \d; \d+ later read\(s\) by u\d on worker\(s\) [\d, ]+ do not show it$/);
    expect(cell(r, 'fixed', 4).counts).toMatchObject({ lost: 0, leaked: 0, users: 8 });
  },
  'module-load-read': (r, expect) => {
    for (const workers of [1, 4]) {
      expect(cell(r, 'buggy', workers).counts.stale).toBeGreaterThan(0);
      // With N workers every one of them serves the old value: each read the file at its own start.
      expect(cell(r, 'buggy', workers).counts.staleWorkers).toBe(workers);
      // The ttl variant is stale by design, but never longer than its time-to-live.
      expect(cell(r, 'ttl', workers).counts.stale).toBeGreaterThan(0);
      expect(cell(r, 'ttl', workers).counts.worstStalenessMs).toBeLessThan(TTL_MS);
      expect(cell(r, 'fixed', workers).counts.stale).toBe(0);
    }
  },
  'static-cache': (r, expect) => {
    expect(cell(r, 'buggy', 1).examples[0]).toMatch(/^song-\w on worker 1 got \w+@\d+bpm\/[\w ]+ \(computed for song-\w\) instead of /);
    // With N workers each worker poisons its own cache: the wrong answer depends on the worker.
    expect(cell(r, 'buggy', 4).counts.workersWrong).toBe(4);
    expect(cell(r, 'buggy', 4).counts.inconsistentInputs).toBeGreaterThan(0);
    expect(cell(r, 'fixed', 4).counts).toMatchObject({ wrong: 0, inconsistentInputs: 0 });
  },
  'async-race': (r, expect) => {
    // One worker is enough to lose transfers; the in-process lock holds there, and only there.
    expect(cell(r, 'buggy', 1).counts.lost).toBeGreaterThan(0);
    expect(cell(r, 'buggy', 1).examples[0]).toMatch(/^read on worker 1 saw (\S+ in all accounts, but 4,000 were deposited: [\d,]+ (vanished|appeared from nowhere)|[a-z]+ at [\d,-]+, but the acknowledged deposits and transfers leave [a-z]+ [\d,-]+( to [\d,-]+)?)$/);
    expect(cell(r, 'mutex', 1).counts.lost).toBe(0);
    expect(cell(r, 'mutex', 4).counts.lost).toBeGreaterThan(0);
    for (const workers of [1, 4]) {
      expect(cell(r, 'fixed', workers).counts).toMatchObject({ deposited: 4000, lost: 0, wrongTotals: 0, offBalances: 0, created: 0, destroyed: 0 });
    }
  },
  'session-memory': (r, expect) => {
    expect(cell(r, 'buggy', 1).counts).toMatchObject({ users: USERS.length, lost: 0 });
    // With 4 workers every user is logged out somewhere, and every 401 is a request that lost its session.
    expect(cell(r, 'buggy', 4).counts.usersLoggedOut).toBe(USERS.length);
    expect(cell(r, 'buggy', 4).failed).toBe(cell(r, 'buggy', 4).counts.lost);
    expect(cell(r, 'buggy', 4).examples[0]).toMatch(/^user u\d+ logged in on worker \d; [\d,]+ of their [\d,]+ later requests, on worker\(s\) [\d, ]+, found no session \(401\)$/);
    expect(cell(r, 'fixed', 4).counts).toMatchObject({ users: USERS.length, lost: 0, leaked: 0 });
  },
  'retained-memory': (r, expect) => {
    for (const workers of [1, 4]) {
      const buggy = cell(r, 'buggy', workers).counts;
      const fixed = cell(r, 'fixed', workers).counts;
      // A leak of each request's text is several times the bound; a correct worker stays well below it.
      expect(buggy.bytesPerRequest).toBeGreaterThan(2 * buggy.boundBytesPerRequest!);
      expect(fixed.bytesPerRequest).toBeLessThan(fixed.boundBytesPerRequest!);
      expect(fixed.workersJudged).toBeGreaterThan(0);
    }
    expect(cell(r, 'buggy', 4).examples[0]).toMatch(/^worker \d kept [\d,]+ bytes per request: [\d.]+ MB after [\d,]+ requests \(bound 2,048\)$/);
  },
};

const labsDir = join(ROOT, 'labs');

describe('the catalog', () => {
  it('has lab-specific assertions for every lab', () => {
    expect(Object.keys(specifics).sort()).toEqual(catalog.map((l) => l.name).sort());
  });

  it('holds every folder under labs/, once, in the same shape', () => {
    const folders = readdirSync(labsDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    expect(catalog.map((l) => l.name).sort()).toEqual(folders);
    expect(new Set(catalog.map((l) => l.name)).size).toBe(catalog.length);
    for (const lab of catalog) {
      const dir = join(labsDir, lab.name);
      for (const file of ['index.ts', 'scenario.ts', 'README.md']) expect(existsSync(join(dir, file)), `${lab.name}/${file}`).toBe(true);
      expect(Object.keys(lab.variants)).toEqual(expect.arrayContaining(['buggy', 'fixed']));
      // `npm run lab serve` prints these for a live workshop: curl commands against the served URL.
      expect(lab.tryIt?.length, `${lab.name} tryIt`).toBeGreaterThanOrEqual(2);
      for (const command of lab.tryIt ?? []) expect(command, `${lab.name} tryIt`).toMatch(/curl .*\{url\}|\{dataDir\}/);
      for (const variant of Object.keys(lab.variants)) {
        const source = readFileSync(join(dir, `${variant}.ts`), 'utf8');
        // The lines that matter are marked, so that a reader finds them at once.
        expect(source, `${lab.name}/${variant}.ts marks its key lines`).toMatch(variant === 'fixed' ? /\/\/ FIX:/ : /\/\/ BUG:/);
      }
    }
  });
});

// Labs run two at a time (vitest's maxConcurrency): the verdicts must not depend on the machine being idle.
describe.concurrent.each(catalog.map((lab) => [lab.name, lab] as const))('lab %s', (_name, lab) => {
  it('has the expected verdict in every cell of its matrix', async ({ expect }) => {
    const result = await runMatrix(lab, { workers: 4 });
    const verdicts = result.cells.map((c) => `${c.variant}@${c.workers} ${c.store}: ${c.verdict}`);
    const expected = result.cells.map((c) => `${c.variant}@${c.workers} ${c.store}: ${c.expected}`);
    expect(verdicts).toEqual(expected);
    expect(result.matches).toBe(true);
    for (const cell of result.cells) {
      expect(cell.anomalies[0] ?? 'ok', `${cell.variant}@${cell.workers}: verdict is the first anomaly`).toBe(cell.verdict);
      // Every worker served, and the load was answered: a verdict on nothing would prove nothing.
      expect(Object.keys(cell.spread), `${cell.variant}@${cell.workers} spread`).toHaveLength(cell.workers * cell.hosts);
      expect(cell.indeterminate, `${cell.variant}@${cell.workers} indeterminate`).toBe(0);
      expect(cell.acknowledged + cell.failed, `${cell.variant}@${cell.workers} answered`).toBe(cell.requests);
      // A 4xx can be the bug itself (a 401 for a session that another worker holds), never part of an ok cell.
      if (cell.verdict === 'ok') expect(cell.failed, `${cell.variant}@${cell.workers} failed`).toBe(0);
      if (cell.verdict !== 'ok') expect(cell.examples.length, `${cell.variant}@${cell.workers} examples`).toBeGreaterThan(0);
    }
    specifics[lab.name]?.(result, expect);
  });
});
