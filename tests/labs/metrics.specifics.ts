// What the metrics matrix must show beyond its verdicts: the numbers and examples that teach the bug.
// Read by tests/catalog.test.ts (one file per lab: adding a lab never edits a shared test).
import { cell, type LabSpecifics } from './cell.js';

const specifics: LabSpecifics = (r, expect) => {
  // One worker: every scrape, before (1), during (one per 4 orders: 75) and after (1) the orders, within its bounds.
  // The reads after the load are exactly the last step's scrapes, one per worker: the load ends with an
  // order (scenario.ts), so no scrape of the load can begin after every order was answered.
  expect(cell(r, 'buggy', 1).counts).toMatchObject({ acknowledged: 300, reads: 1 + 75 + 1, readsAfter: 1, lost: 0, lowestRead: 300, highestRead: 300 });
  // Four workers: each scrape counts the orders of the worker that answered it, far below the 300 acknowledged.
  const buggy = cell(r, 'buggy', 4);
  expect(buggy.counts).toMatchObject({ acknowledged: 300, readsAfter: 4, overcounted: 0 });
  expect(buggy.counts.highestRead).toBeLessThan(300);
  expect(buggy.counts.lost).toBeGreaterThan(0);
  expect(buggy.examples[0]).toMatch(/^read on worker \d saw \d+ after \d+ increments were acknowledged$/);
  // prom-client's AggregatorRegistry, asked through the primary: every scrape on every worker counts every order.
  expect(cell(r, 'fixed', 4).counts).toMatchObject({ acknowledged: 300, reads: 4 + 75 + 4, readsAfter: 4, lowReads: 0, highReads: 0, lost: 0, lowestRead: 300, highestRead: 300 });
};
export default specifics;
