// What the async-race matrix must show beyond its verdicts: the numbers and examples that teach the bug.
// Read by tests/catalog.test.ts (one file per lab: adding a lab never edits a shared test).
import { cell, type LabSpecifics } from './cell.js';

const specifics: LabSpecifics = (r, expect) => {
  // One worker is enough to lose transfers; the in-process lock holds there, and only there.
  expect(cell(r, 'buggy', 1).counts.lost).toBeGreaterThan(0);
  expect(cell(r, 'buggy', 1).examples[0]).toMatch(/^read on worker 1 saw (\S+ in all accounts, but 4,000 were deposited: [\d,]+ (vanished|appeared from nowhere)|[a-z]+ at [\d,-]+, but the acknowledged deposits and transfers leave [a-z]+ [\d,-]+( to [\d,-]+)?)$/);
  expect(cell(r, 'mutex', 1).counts.lost).toBe(0);
  expect(cell(r, 'mutex', 4).counts.lost).toBeGreaterThan(0);
  for (const workers of [1, 4]) {
    expect(cell(r, 'fixed', workers).counts).toMatchObject({ deposited: 4000, lost: 0, wrongTotals: 0, offBalances: 0, created: 0, destroyed: 0 });
  }
};
export default specifics;
