// What the static-cache matrix must show beyond its verdicts: the numbers and examples that teach the bug.
// Read by tests/catalog.test.ts (one file per lab: adding a lab never edits a shared test).
import { cell, type LabSpecifics } from './cell.js';

const specifics: LabSpecifics = (r, expect) => {
  expect(cell(r, 'buggy', 1).examples[0]).toMatch(/^song-\w on worker 1 got \w+@\d+bpm\/[\w ]+ \(computed for song-\w\) instead of /);
  // With N workers each worker poisons its own cache: the wrong answer depends on the worker.
  expect(cell(r, 'buggy', 4).counts.workersWrong).toBe(4);
  expect(cell(r, 'buggy', 4).counts.inconsistentInputs).toBeGreaterThan(0);
  expect(cell(r, 'fixed', 4).counts).toMatchObject({ wrong: 0, inconsistentInputs: 0 });
};
export default specifics;
