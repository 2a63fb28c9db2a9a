// What the session-memory matrix must show beyond its verdicts: the numbers and examples that teach the bug.
// Read by tests/catalog.test.ts (one file per lab: adding a lab never edits a shared test).
import { cell, type LabSpecifics } from './cell.js';
import { USERS } from '../../labs/session-memory/scenario.js';

/** Every user has a shared computer (device a), every other user a phone too (device b). */
const DEVICES = USERS.length + USERS.length / 2;

const specifics: LabSpecifics = (r, expect) => {
  // One worker: every device logged in, every shared computer logged out at least once, and every
  // request with a logged-out cookie refused; nothing lost.
  expect(cell(r, 'buggy', 1).counts).toMatchObject({ users: USERS.length, lost: 0, stale: 0 });
  expect(cell(r, 'buggy', 1).counts.sessions).toBeGreaterThanOrEqual(DEVICES);
  expect(cell(r, 'buggy', 1).counts.logouts).toBeGreaterThanOrEqual(USERS.length);
  expect(cell(r, 'buggy', 1).counts.refusedAfterLogout).toBe(cell(r, 'buggy', 1).counts.readsAfterLogout);
  // With 4 workers every user is logged out somewhere, and every 401 the scenario did not expect
  // (a request with a live session's cookie) is a request that lost its session.
  const buggy4 = cell(r, 'buggy', 4);
  expect(buggy4.counts.usersLoggedOut).toBe(USERS.length);
  expect(buggy4.counts.sessionsLost).toBeGreaterThanOrEqual(DEVICES);
  expect(buggy4.failed - buggy4.expectedFailures).toBe(buggy4.counts.lost);
  expect(buggy4.examples[0]).toMatch(/^user u\d+ logged in on worker \d \(session u\d+\/[ab]\d+\); [\d,]+ of their [\d,]+ later requests, on worker\(s\) [\d, ]+, found no session \(401\)$/);
  // The fixed store, also when slow: logins found at once on every worker, logouts refused at once on every worker.
  for (const latency of ['none', '0-50']) {
    const fixed = cell(r, 'fixed', 4, latency);
    expect(fixed.counts, `fixed@4 latency ${latency}`).toMatchObject({ users: USERS.length, lost: 0, stale: 0, leaked: 0 });
    expect(fixed.counts.sessions, `fixed@4 latency ${latency}`).toBeGreaterThanOrEqual(DEVICES);
    expect(fixed.counts.logouts, `fixed@4 latency ${latency}`).toBeGreaterThanOrEqual(USERS.length);
    // Each logout is followed at once by a request with its cookie (and more later): all refused.
    expect(fixed.counts.readsAfterLogout, `fixed@4 latency ${latency}`).toBeGreaterThanOrEqual(fixed.counts.logouts!);
    expect(fixed.counts.refusedAfterLogout, `fixed@4 latency ${latency}`).toBe(fixed.counts.readsAfterLogout);
  }
};
export default specifics;
