// What the global-list matrix must show beyond its verdicts: the numbers and examples that teach the bug.
// Read by tests/catalog.test.ts (one file per lab: adding a lab never edits a shared test).
import { cell, type LabSpecifics } from './cell.js';

const specifics: LabSpecifics = (r, expect) => {
  expect(cell(r, 'buggy', 1).anomalies).toEqual(['leaked']);
  expect(cell(r, 'buggy', 4).anomalies).toEqual(['lost', 'leaked']);
  expect(cell(r, 'buggy', 4).counts.lost).toBeGreaterThan(0);
  expect(cell(r, 'buggy', 4).examples[0]).toMatch(/^user u\d added item u\d-\d+ on worker \d; \d+ later read\(s\) by u\d on worker\(s\) [\d, ]+ do not show it$/);
  expect(cell(r, 'fixed', 4).counts).toMatchObject({ lost: 0, leaked: 0, users: 8 });
};
export default specifics;
