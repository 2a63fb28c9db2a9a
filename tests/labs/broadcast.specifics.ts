// What the broadcast matrix must show beyond its verdicts: the numbers and examples that teach the bug.
// Read by tests/catalog.test.ts (one file per lab: adding a lab never edits a shared test).
import { cell, type LabSpecifics } from './cell.js';

// 2 subscribers per worker; 4 greetings before the first and behind each one; 200 posts; one post per worker.
const posts = (workers: number): number => 4 + 4 * 2 * workers + 200 + workers;
// Each subscriber is owed the load and the last posts, and the greetings sent behind it and every later subscriber.
const owed = (workers: number): number => 2 * workers * (200 + workers) + 4 * ((2 * workers * (2 * workers + 1)) / 2);

const specifics: LabSpecifics = (r, expect) => {
  // One worker holds every stream: every post reaches all of them, once.
  expect(cell(r, 'buggy', 1).counts).toMatchObject({ posts: posts(1), acknowledged: posts(1), subscribers: 2, owedDeliveries: owed(1), received: owed(1), missedDeliveries: 0, duplicated: 0, neverPosted: 0 });
  // Four workers: a post reaches the 2 streams of its own worker, and 6 of 8 miss it.
  const buggy = cell(r, 'buggy', 4);
  expect(buggy.counts).toMatchObject({ subscribers: 8, owedDeliveries: owed(4), duplicated: 0, neverPosted: 0 });
  expect(buggy.counts.lost).toBeGreaterThan(200);
  expect(buggy.counts.received).toBeLessThan(owed(4) / 2);
  expect(buggy.examples[0]).toMatch(/^message "last-\d" posted on worker \d was acknowledged; 6 of the 8 subscribers listening never got it, on worker\(s\) \d, \d, \d$/);
  for (const latency of ['none', '0-50']) {
    // Every stream got every post it was owed, once, and nothing else: 1,776 deliveries.
    expect(cell(r, 'fixed', 4, latency).counts).toMatchObject({ posts: posts(4), acknowledged: posts(4), subscribers: 8, broken: 0, owedDeliveries: owed(4), received: owed(4), missedDeliveries: 0, lost: 0, duplicated: 0, neverPosted: 0 });
  }
  expect(cell(r, 'fixed', 1).counts).toMatchObject({ owedDeliveries: owed(1), received: owed(1), lost: 0 });
};
export default specifics;
