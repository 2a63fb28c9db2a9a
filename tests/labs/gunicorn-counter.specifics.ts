// What the gunicorn-counter matrix must show beyond its verdicts: the per-worker-counter numbers, from
// a Flask app under gunicorn's sync workers, with their PIDs as worker ids.
// Read by tests/catalog.test.ts (one file per lab: adding a lab never edits a shared test).
import { cell, type LabSpecifics } from './cell.js';

const specifics: LabSpecifics = (r, expect) => {
  // A fixed variant that is a command reaches only Redis; it has no latency cell (its client is its own).
  expect(r.cells.map((c) => `${c.variant}@${c.workers} ${c.store} ${c.latency}`)).toEqual([
    'buggy@1 none none', 'buggy@4 none none', 'naive@1 none none', 'naive@4 none none', 'fixed@1 redis none', 'fixed@4 redis none',
  ]);
  for (const c of r.cells) {
    // Sync workers take turns: every one of them served (unlike gthread's keep-alive, see index.ts).
    expect(Object.keys(c.spread), `${c.variant}@${c.workers} spread`).toHaveLength(c.workers);
    for (const id of Object.keys(c.spread)) expect(id).toMatch(/^\d+$/);
    // Every increment was answered or dropped unread (autocannon wrote it on a connection the worker
    // was closing), none refused; the reads below show the dropped ones were never counted.
    expect(c.counts.acknowledged! + c.counts.indeterminate!).toBe(1000);
  }
  const buggy = cell(r, 'buggy', 4);
  expect(buggy.counts.lost).toBeGreaterThan(0);
  expect(buggy.counts.highestRead).toBeLessThan(buggy.counts.acknowledged!);
  expect(buggy.examples[0]).toMatch(/^read on worker \d+ saw \d+ after [\d,]+ increments were acknowledged$/);
  // One sync worker: the count is exactly what was acknowledged, for buggy and naive alike.
  for (const variant of ['buggy', 'naive']) {
    const one = cell(r, variant, 1).counts;
    expect(one).toMatchObject({ lost: 0, lowestRead: one.acknowledged, highestRead: one.acknowledged });
  }
  expect(cell(r, 'naive', 4).counts.lost).toBeGreaterThan(0);
  const fixed = cell(r, 'fixed', 4).counts;
  expect(fixed).toMatchObject({ lowReads: 0, highReads: 0, lost: 0, lowestRead: fixed.acknowledged, highestRead: fixed.acknowledged });
};
export default specifics;
