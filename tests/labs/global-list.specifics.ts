// What the global-list matrix must show beyond its verdicts: the numbers and examples that teach the bug.
// Read by tests/catalog.test.ts (one file per lab: adding a lab never edits a shared test).
import { cell, type LabSpecifics } from './cell.js';

const user = 'u\\d+';
const lostExample = new RegExp(`^user ${user} added item ${user}-(\\d+|last) on worker \\d; \\d+ later read\\(s\\) by ${user} on worker\\(s\\) [\\d, ]+ do not show it$`);

const specifics: LabSpecifics = (r, expect) => {
  expect(cell(r, 'buggy', 1).anomalies).toEqual(['leaked']);
  expect(cell(r, 'buggy', 1).counts.leaked).toBeGreaterThan(0);
  expect(cell(r, 'buggy', 4).anomalies).toEqual(['lost', 'leaked']);
  expect(cell(r, 'buggy', 4).counts.lost).toBeGreaterThan(0);
  expect(cell(r, 'buggy', 4).examples[0]).toMatch(lostExample);
  // 8 users (u11 and u12 among them, next to u1), 400 adds in the load and one more each, every add's
  // answer judged too (read your own write), and nothing lost or leaked.
  expect(cell(r, 'fixed', 4).counts).toMatchObject({ users: 8, acknowledged: 408, answers: 408, notInOwnAnswer: 0, lost: 0, leaked: 0 });
  // Reads before (one per worker), during (200) and after the adds (every user on every worker: 32).
  expect(cell(r, 'fixed', 4).counts.reads).toBe(4 + 200 + 32);
  // The latency cell: 120 adds and 60 reads in its load, the same adds at the end.
  expect(cell(r, 'fixed', 4, '0-50').counts).toMatchObject({ users: 8, acknowledged: 128, answers: 128, notInOwnAnswer: 0, lost: 0, leaked: 0, reads: 4 + 60 + 32 });
};
export default specifics;
