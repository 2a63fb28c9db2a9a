// What the scheduled-job matrix must show beyond its verdicts: the numbers and examples that teach the bug.
// Read by tests/catalog.test.ts (one file per lab: adding a lab never edits a shared test).
import { cell, type LabSpecifics } from './cell.js';

const specifics: LabSpecifics = (r, expect) => {
  // One worker: every judged tick sent its digest once.
  for (const variant of ['buggy', 'first-instance', 'fixed']) {
    const one = cell(r, variant, 1);
    expect(one.counts.due, `${variant}@1 ticks judged`).toBeGreaterThanOrEqual(1);
    expect(one.counts, `${variant}@1`).toMatchObject({ lost: 0, duplicated: 0, mostPerTick: 1 });
    expect(one.counts.happened, `${variant}@1`).toBe(one.counts.due);
  }
  // Four workers, every one of them scheduled the job: every judged tick went out exactly 4 times.
  const buggy = cell(r, 'buggy', 4);
  expect(buggy.counts).toMatchObject({ lost: 0, mostPerTick: 4 });
  expect(buggy.counts.duplicated).toBe(buggy.counts.due);
  expect(buggy.counts.extra).toBe(3 * buggy.counts.due!);
  expect(buggy.examples[0]).toMatch(/^the digest of \d\d:\d\d:\d\d happened 4 times, where once was due; due on workers 1, 2, 3, 4$/);
  // The half-fix holds while worker 1 lives (its failures show under --kill-worker, --restart-every, --hosts 2).
  expect(cell(r, 'first-instance', 4).counts).toMatchObject({ lost: 0, duplicated: 0, mostPerTick: 1 });
  // The lease: once per tick with 4 workers, also through a slow store.
  for (const latency of ['none', '0-50']) {
    const fixed = cell(r, 'fixed', 4, latency);
    expect(fixed.counts, `fixed@4 latency ${latency}`).toMatchObject({ lost: 0, duplicated: 0, mostPerTick: 1 });
    expect(fixed.counts.happened, `fixed@4 latency ${latency}`).toBe(fixed.counts.due);
  }
};
export default specifics;
