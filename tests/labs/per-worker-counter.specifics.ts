// What the per-worker-counter matrix must show beyond its verdicts: the numbers and examples that teach the bug.
// Read by tests/catalog.test.ts (one file per lab: adding a lab never edits a shared test).
import { cell, type LabSpecifics } from './cell.js';

const specifics: LabSpecifics = (r, expect) => {
  // Each worker counts only what it served: a read on any worker is far below the 400 acknowledged.
  const buggy = cell(r, 'buggy', 4);
  expect(buggy.counts).toMatchObject({ acknowledged: 400 });
  expect(buggy.counts.lost).toBeGreaterThan(0);
  expect(buggy.counts.highestRead).toBeLessThan(400);
  expect(buggy.examples[0]).toMatch(/^read on worker \d saw \d+ after 400 increments were acknowledged$/);
  expect(cell(r, 'buggy', 1).counts).toMatchObject({ lost: 0, lowestRead: 400, highestRead: 400 });
  expect(cell(r, 'naive', 1).counts.lost).toBeGreaterThan(0);
  expect(cell(r, 'naive', 4, '0-50').counts.lost).toBeGreaterThan(0);
  // Reads before (one per worker), during (one per 4 increments: 100) and after (one per worker) the
  // load, every one within its bounds.
  expect(cell(r, 'fixed', 4).counts).toMatchObject({ acknowledged: 400, reads: 4 + 100 + 4, lowReads: 0, highReads: 0, lost: 0, lowestRead: 400, highestRead: 400 });
  // The latency cell: a smaller load (200 increments, 50 reads among them), still every read within its bounds.
  expect(cell(r, 'fixed', 4, '0-50').counts).toMatchObject({ acknowledged: 200, reads: 4 + 50 + 4, lowReads: 0, highReads: 0, lost: 0, lowestRead: 200, highestRead: 200 });
};
export default specifics;
