// What the gunicorn-counter matrix must show beyond its verdicts: the per-worker-counter numbers, from
// a Flask app under gunicorn, with gunicorn's worker PIDs as worker ids.
// Read by tests/catalog.test.ts (one file per lab: adding a lab never edits a shared test).
import { cell, type LabSpecifics } from './cell.js';

const specifics: LabSpecifics = (r, expect) => {
  // A fixed variant that is a command reaches only Redis; it has no latency cell (its client is its own).
  expect(r.cells.map((c) => `${c.variant}@${c.workers} ${c.store} ${c.latency}`)).toEqual([
    'buggy@1 none none', 'buggy@4 none none', 'naive@1 none none', 'naive@4 none none', 'fixed@1 redis none', 'fixed@4 redis none',
  ]);
  const buggy = cell(r, 'buggy', 4);
  expect(buggy.counts).toMatchObject({ acknowledged: 1000 });
  expect(buggy.counts.highestRead).toBeLessThan(1000);
  // Worker ids are the PIDs the Flask app puts in X-Worker-Pid.
  expect(buggy.examples[0]).toMatch(/^read on worker \d+ saw \d+ after 1,000 increments were acknowledged$/);
  expect(cell(r, 'buggy', 1).counts).toMatchObject({ lost: 0, lowestRead: 1000, highestRead: 1000 });
  // Get-then-set through the manager's proxy loses increments between the threads of one worker too.
  expect(cell(r, 'naive', 1).counts.lost).toBeGreaterThan(0);
  expect(cell(r, 'naive', 4).counts.lost).toBeGreaterThan(0);
  // Reads before (one per worker), during (one per 4 increments: 250) and after (one per worker).
  expect(cell(r, 'fixed', 4).counts).toMatchObject({ acknowledged: 1000, reads: 4 + 250 + 4, lowReads: 0, highReads: 0, lost: 0, lowestRead: 1000, highestRead: 1000 });
};
export default specifics;
