// What the per-worker-counter matrix must show beyond its verdicts: the numbers and examples that teach the bug.
// Read by tests/catalog.test.ts (one file per lab: adding a lab never edits a shared test).
import { cell, type LabSpecifics } from './cell.js';

const specifics: LabSpecifics = (r, expect) => {
  expect(cell(r, 'buggy', 4).counts.lost).toBeGreaterThan(0);
  expect(cell(r, 'naive', 1).counts.lost).toBeGreaterThan(0);
  expect(cell(r, 'fixed', 4).counts).toMatchObject({ lost: 0, lowestRead: 2000, highestRead: 2000 });
};
export default specifics;
