// What the module-load-read matrix must show beyond its verdicts: the numbers and examples that teach the bug.
// Read by tests/catalog.test.ts (one file per lab: adding a lab never edits a shared test).
import { cell, type LabSpecifics } from './cell.js';
import { TTL_MS } from '../../labs/module-load-read/ttl.js';

const specifics: LabSpecifics = (r, expect) => {
  for (const workers of [1, 4]) {
    expect(cell(r, 'buggy', workers).counts.stale).toBeGreaterThan(0);
    // With N workers every one of them serves the old value: each read the file at its own start.
    expect(cell(r, 'buggy', workers).counts.staleWorkers).toBe(workers);
    // The ttl variant is stale by design, but never longer than its time-to-live.
    expect(cell(r, 'ttl', workers).counts.stale).toBeGreaterThan(0);
    expect(cell(r, 'ttl', workers).counts.worstStalenessMs).toBeLessThan(TTL_MS);
    expect(cell(r, 'fixed', workers).counts.stale).toBe(0);
  }
};
export default specifics;
