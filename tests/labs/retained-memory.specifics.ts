// What the retained-memory matrix must show beyond its verdicts: the numbers and examples that teach the bug.
// Read by tests/catalog.test.ts (one file per lab: adding a lab never edits a shared test).
import { MIN_REQUESTS_JUDGED, REJECT_EVERY } from '../../labs/retained-memory/scenario.js';
import { cell, type LabSpecifics } from './cell.js';

const specifics: LabSpecifics = (r, expect) => {
  for (const workers of [1, 4]) {
    const buggyCell = cell(r, 'buggy', workers);
    const fixedCell = cell(r, 'fixed', workers);
    const buggy = buggyCell.counts;
    const fixed = fixedCell.counts;
    // A leak of each request's text is several times the bound; a correct worker stays well below it.
    expect(buggy.bytesPerRequest).toBeGreaterThan(2 * buggy.boundBytesPerRequest!);
    expect(fixed.bytesPerRequest).toBeLessThan(fixed.boundBytesPerRequest!);
    expect(fixed.workersJudged).toBeGreaterThan(0);
    // The listener count is judged on the same workers as the heap: buggy adds one per request on each
    // (at least the 200 a judged worker served, less the few probes among them), fixed never keeps one.
    expect(buggy.workersCounted).toBe(buggy.workersJudged);
    expect(buggy.workersRetaining).toBe(buggy.workersCounted);
    const perWorker = Object.entries(buggy).filter(([key]) => key.startsWith('retainedGrowth.'));
    expect(perWorker).toHaveLength(buggy.workersCounted!);
    for (const [, growth] of perWorker) expect(growth).toBeGreaterThan(0.9 * MIN_REQUESTS_JUDGED);
    expect(fixed.workersCounted).toBe(fixed.workersJudged);
    expect(fixed.retainedGrowth).toBe(0);
    expect(fixed.workersRetaining).toBe(0);
    // One document in REJECT_EVERY is binary and must be refused (422), in both variants; nothing else fails.
    for (const c of [buggyCell, fixedCell]) {
      expect(c.expectedFailures).toBe(c.failed);
      expect(c.expectedFailures).toBeGreaterThan((0.9 * c.requests) / REJECT_EVERY);
    }
  }
  const buggy4 = cell(r, 'buggy', 4).examples;
  expect(buggy4[0]).toMatch(/^worker \d kept [\d,]+ bytes per request: [\d.]+ MB after [\d,]+ requests \(bound 2,048\)$/);
  expect(buggy4.some((e) => /^worker \d kept [\d,]+ more listeners on the settings after [\d,]+ requests: [\d,]+, then [\d,]+$/.test(e))).toBe(true);
};
export default specifics;
