// What the retained-memory matrix must show beyond its verdicts: the numbers and examples that teach the bug.
// Read by tests/catalog.test.ts (one file per lab: adding a lab never edits a shared test).
import { cell, type LabSpecifics } from './cell.js';

const specifics: LabSpecifics = (r, expect) => {
  for (const workers of [1, 4]) {
    const buggy = cell(r, 'buggy', workers).counts;
    const fixed = cell(r, 'fixed', workers).counts;
    // A leak of each request's text is several times the bound; a correct worker stays well below it.
    expect(buggy.bytesPerRequest).toBeGreaterThan(2 * buggy.boundBytesPerRequest!);
    expect(fixed.bytesPerRequest).toBeLessThan(fixed.boundBytesPerRequest!);
    expect(fixed.workersJudged).toBeGreaterThan(0);
  }
  expect(cell(r, 'buggy', 4).examples[0]).toMatch(/^worker \d kept [\d,]+ bytes per request: [\d.]+ MB after [\d,]+ requests \(bound 2,048\)$/);
};
export default specifics;
