// What the per-worker-counter matrix must show beyond its verdicts: the numbers and examples that teach the bug.
// Read by tests/catalog.test.ts (one file per lab: adding a lab never edits a shared test).
import { cell, type LabSpecifics } from './cell.js';

const specifics: LabSpecifics = (r, expect) => {
  // Each worker counts only what it served: a read on any worker is far below the 800 acknowledged.
  const buggy = cell(r, 'buggy', 4);
  expect(buggy.counts).toMatchObject({ acknowledged: 800 });
  expect(buggy.counts.lost).toBeGreaterThan(0);
  expect(buggy.counts.highestRead).toBeLessThan(800);
  expect(buggy.examples[0]).toMatch(/^read on worker \d saw [\d,]+ after 800 increments were acknowledged$/);
  expect(cell(r, 'buggy', 1).counts).toMatchObject({ lost: 0, lowestRead: 800, highestRead: 800 });
  expect(cell(r, 'naive', 1).counts.lost).toBeGreaterThan(0);
  expect(cell(r, 'naive', 4, '0-50').counts.lost).toBeGreaterThan(0);
  // Reads before (8), during (one per 4 increments: 200) and after (8) the load, every one within its bounds.
  expect(cell(r, 'fixed', 4).counts).toMatchObject({ acknowledged: 800, reads: 216, lowReads: 0, highReads: 0, lost: 0, lowestRead: 800, highestRead: 800 });
  // The latency cell: a smaller load (240 increments, 60 reads among them), still every read within its bounds.
  expect(cell(r, 'fixed', 4, '0-50').counts).toMatchObject({ acknowledged: 240, reads: 76, lowReads: 0, highReads: 0, lost: 0, lowestRead: 240, highestRead: 240 });
};
export default specifics;
