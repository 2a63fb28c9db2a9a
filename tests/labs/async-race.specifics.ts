// What the async-race matrix must show beyond its verdicts: the numbers and examples that teach the bug.
// Read by tests/catalog.test.ts (one file per lab: adding a lab never edits a shared test).
import { cell, type LabSpecifics } from './cell.js';
import { READ_EVERY, TRANSFERS_READ_BACK } from '../../labs/async-race/scenario.js';

const specifics: LabSpecifics = (r, expect) => {
  // One worker is enough to lose transfers; the in-process lock holds there, and only there.
  expect(cell(r, 'buggy', 1).counts.lost).toBeGreaterThan(0);
  expect(cell(r, 'buggy', 1).examples[0]).toMatch(/^read on worker 1 saw (\S+ in all accounts, but 4,000 were deposited: [\d,]+ (vanished|appeared from nowhere)|[a-z]+ at [\d,-]+, but the acknowledged deposits and transfers leave [a-z]+ [\d,-]+( to [\d,-]+)?)$/);
  expect(cell(r, 'buggy', 4, '0-50').counts.lost).toBeGreaterThan(0);
  expect(cell(r, 'mutex', 1).counts.lost).toBe(0);
  expect(cell(r, 'mutex', 4).counts.lost).toBeGreaterThan(0);
  for (const [workers, latency] of [[1, 'none'], [4, 'none'], [4, '0-50']] as const) {
    const fixed = cell(r, 'fixed', workers, latency);
    const label = `fixed@${workers} latency ${latency}`;
    expect(fixed.counts, label).toMatchObject({ deposited: 4000, lost: 0, wrongTotals: 0, offBalances: 0, created: 0, destroyed: 0 });
    // Every read is a snapshot whose total is judged: those of the load, those right after a single
    // transfer, and the last ones on every worker.
    const loadRequests = (fixed.requests - 4 - 2 * TRANSFERS_READ_BACK - 2 * workers);
    expect(fixed.counts.reads, label).toBe(loadRequests / READ_EVERY + TRANSFERS_READ_BACK + 2 * workers);
    expect(fixed.counts.judgedTotals, label).toBe(fixed.counts.reads);
    // Most of the load's reads ran while transfers were half way through: where a transfer in two steps would show.
    expect(fixed.counts.readsDuringTransfers, label).toBeGreaterThan(loadRequests / READ_EVERY / 2);
  }
};
export default specifics;
