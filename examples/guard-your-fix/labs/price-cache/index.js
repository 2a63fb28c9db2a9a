// The lab that guards src/prices.js: the code as it was (buggy.js) and as it is (fixed.js), one
// scenario, and the verdict each cell of the matrix must have.
import { defineLab, staleChecker } from 'worker-state-lab';
import { priceScenario } from './scenario.js';

export default defineLab(import.meta.url, {
  title: 'Price cache',
  summary: 'Prices kept in a module-level Map: after a change, the other workers answer the old price.',
  source: 'src/prices.js',
  variants: {
    buggy: { summary: 'src/prices.js before the fix: a Map in front of the database', store: true },
    fixed: { summary: 'src/prices.js as it is: every read asks the database', store: true },
  },
  expected: (cell) => {
    // Two hosts on the `primary` store have a database each: a change made on one is old on the other.
    if (cell.hosts > 1 && cell.store === 'primary') return 'stale';
    // The old code is right in one process and stale as soon as two serve; the code as it is, never.
    return cell.variant === 'buggy' && cell.workers * cell.hosts > 1 ? 'stale' : 'ok';
  },
  checker: staleChecker,
  scenario: priceScenario,
  // `requests`: how many times the price changes. Three changes, each followed by reads on every worker.
  defaults: { requests: 3, connections: 1 },
});
