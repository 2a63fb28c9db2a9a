import { setChecker } from '../../harness/checkers/set.js';
import { defineLab } from '../../harness/contract.js';
import { globalListScenario } from './scenario.js';

export default defineLab(import.meta.url, {
  title: 'Global list',
  summary: "One module-level list for all users: users see each other's items, and items get lost between workers.",
  source: '001_44f55002fa617648.txt',
  variants: {
    buggy: { summary: 'one module-level array for every user, in every worker' },
    fixed: { summary: "per-user lists in the shared store (atomic push)", store: true },
  },
  expected: ({ variant, workers, hosts, store, fault }) => {
    // One process: every user sees everyone's items. Several (or a restarted one): items get lost too.
    if (variant === 'buggy') return workers * hosts > 1 || fault !== 'none' ? 'lost' : 'leaked';
    return hosts > 1 && store === 'primary' ? 'lost' : 'ok';
  },
  checker: setChecker,
  scenario: globalListScenario,
  defaults: { requests: 1200, connections: 20 },
});
