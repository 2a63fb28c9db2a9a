// What the session-memory matrix must show beyond its verdicts: the numbers and examples that teach the bug.
// Read by tests/catalog.test.ts (one file per lab: adding a lab never edits a shared test).
import { cell, type LabSpecifics } from './cell.js';
import { USERS } from '../../labs/session-memory/scenario.js';

const specifics: LabSpecifics = (r, expect) => {
  expect(cell(r, 'buggy', 1).counts).toMatchObject({ users: USERS.length, lost: 0 });
  // With 4 workers every user is logged out somewhere, and every 401 is a request that lost its session.
  expect(cell(r, 'buggy', 4).counts.usersLoggedOut).toBe(USERS.length);
  expect(cell(r, 'buggy', 4).failed).toBe(cell(r, 'buggy', 4).counts.lost);
  expect(cell(r, 'buggy', 4).examples[0]).toMatch(/^user u\d+ logged in on worker \d; [\d,]+ of their [\d,]+ later requests, on worker\(s\) [\d, ]+, found no session \(401\)$/);
  expect(cell(r, 'fixed', 4).counts).toMatchObject({ users: USERS.length, lost: 0, leaked: 0 });
};
export default specifics;
