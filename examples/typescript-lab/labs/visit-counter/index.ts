// A lab written in TypeScript: the same folder shape as a JavaScript one (index, one file per
// variant), run by tsx, which comes with worker-state-lab. The types are the package's own.
import { counterChecker, defineLab, type CellKey, type RequestSpec, type Scenario, type ScenarioParams, type Verdict } from 'worker-state-lab';

const count = (body: { count?: unknown }): unknown => body.count;
const visit = (): RequestSpec => ({ op: 'incr', value: 1, method: 'POST', path: '/visit', seen: count });
const read = (): RequestSpec => ({ op: 'read', path: '/visits', seen: count });

/** Concurrent visits, then the count as every worker answers it. */
function visits({ requests, connections, spreadReads }: ScenarioParams): Scenario {
  return {
    steps: [
      { kind: 'load', label: 'visits', amount: requests, connections, request: visit },
      { kind: 'fresh', label: 'the count on every worker', count: spreadReads, request: read },
    ],
  };
}

function expected(cell: CellKey): Verdict {
  // Two hosts on the `primary` store keep a count each.
  if (cell.hosts > 1 && cell.store === 'primary') return 'lost';
  // A module-level number counts alone in each worker; the store's incr counts for all of them.
  return cell.variant === 'buggy' && cell.workers * cell.hosts > 1 ? 'lost' : 'ok';
}

export default defineLab(import.meta.url, {
  title: 'Visit counter',
  summary: 'Visits counted in a module-level number: each worker counts only its own.',
  source: 'src/visits.ts',
  variants: {
    buggy: { summary: 'a module-level number' },
    fixed: { summary: "the shared store's incr", store: true },
  },
  expected,
  checker: counterChecker,
  scenario: visits,
  defaults: { requests: 200, connections: 10 },
});
