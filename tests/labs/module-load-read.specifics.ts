// What the module-load-read matrix must show beyond its verdicts: the numbers and examples that teach the bug.
// Read by tests/catalog.test.ts (one file per lab: adding a lab never edits a shared test).
import { cell, type LabSpecifics } from './cell.js';
import { CHANGES } from '../../labs/module-load-read/scenario.js';
import { TTL_MS } from '../../labs/module-load-read/ttl.js';

const specifics: LabSpecifics = (r, expect) => {
  // The price changes several times (a fix that catches only the first change must fail), and one
  // change keeps the file's modification time (a cache checked by timestamp must fail).
  expect(CHANGES.length).toBeGreaterThanOrEqual(3);
  expect(CHANGES.some((c) => c.options?.keepModifiedTime)).toBe(true);
  for (const workers of [1, 4]) {
    expect(cell(r, 'buggy', workers).counts.stale).toBeGreaterThan(0);
    // With N workers every one of them serves the old value: each read the file at its own start.
    expect(cell(r, 'buggy', workers).counts.staleWorkers).toBe(workers);
    // buggy still serves the value it read at start, after every change.
    expect(cell(r, 'buggy', workers).examples[0]).toMatch(new RegExp(`saw version 1, [\\d,]+ ms after version 2 \\(now ${CHANGES.at(-1)!.price.version}\\) was written$`));
    // The ttl variant is stale by design, but never longer than its time-to-live.
    expect(cell(r, 'ttl', workers).counts.stale).toBeGreaterThan(0);
    expect(cell(r, 'ttl', workers).counts.worstStalenessMs).toBeLessThan(TTL_MS);
    // fixed was judged after every change (reads before and after each), and never stale.
    expect(cell(r, 'fixed', workers).counts).toMatchObject({ writes: CHANGES.length, stale: 0 });
    expect(cell(r, 'fixed', workers).counts.readsAfterWrite).toBeGreaterThan(CHANGES.length * 2 * workers);
  }
};
export default specifics;
