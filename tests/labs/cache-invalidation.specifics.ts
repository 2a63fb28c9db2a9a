// What the cache-invalidation matrix must show beyond its verdicts: the numbers and examples that teach the bug.
// Read by tests/catalog.test.ts (one file per lab: adding a lab never edits a shared test).
import { cell, type LabSpecifics } from './cell.js';
import { CHANGES } from '../../labs/cache-invalidation/scenario.js';
import { TTL_MS } from '../../labs/cache-invalidation/ttl.js';

const specifics: LabSpecifics = (r, expect) => {
  // The price changes several times (a fix right for the first change only must fail), to new prices each time.
  expect(CHANGES.length).toBeGreaterThanOrEqual(3);
  expect(new Set(CHANGES).size).toBe(CHANGES.length);
  // One worker: the worker that took each PUT held the only copy, and emptied it.
  for (const variant of ['buggy', 'ttl']) expect(cell(r, variant, 1).counts, `${variant}@1`).toMatchObject({ writes: CHANGES.length, stale: 0 });
  // Four workers: after the first change, the three workers that did not take the PUT serve their
  // copies of the initial price (1000 cents): at least three workers stale.
  const buggy = cell(r, 'buggy', 4);
  expect(buggy.counts.writes).toBe(CHANGES.length);
  expect(buggy.counts.staleWorkers).toBeGreaterThanOrEqual(3);
  expect(buggy.examples[0]).toMatch(/^read on worker \d saw version 1\d00, [\d,]+ ms after version 1\d00( \(now 1\d00\))? was written$/);
  expect(buggy.examples.some((e) => / saw version 1000, /.test(e))).toBe(true);
  // The ttl variant is as stale, but never for longer than its time-to-live.
  const ttl = cell(r, 'ttl', 4);
  expect(ttl.counts.staleWorkers).toBeGreaterThanOrEqual(3);
  expect(ttl.counts.worstStalenessMs).toBeLessThan(TTL_MS);
  // fixed was judged after every change, on every worker (a read on each right after each PUT), also with a slow store.
  for (const latency of ['none', '0-50']) {
    const fixed = cell(r, 'fixed', 4, latency);
    expect(fixed.counts, `fixed@4 latency ${latency}`).toMatchObject({ writes: CHANGES.length, stale: 0 });
    expect(fixed.counts.readsAfterWrite, `fixed@4 latency ${latency}`).toBeGreaterThan(CHANGES.length * 2 * 4);
  }
};
export default specifics;
