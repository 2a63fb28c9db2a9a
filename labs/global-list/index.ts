import { setChecker } from '../../harness/checkers/set.js';
import { defineLab, severalProcesses, sharedStoreVerdict } from '../../harness/contract.js';
import { globalListScenario } from './scenario.js';

export default defineLab(import.meta.url, {
  title: 'Global list',
  summary: "One module-level list for all users: users see each other's items, and items get lost between workers.",
  source: '001_44f55002fa617648.txt',
  variants: {
    buggy: { summary: 'one module-level array for every user, in every worker' },
    fixed: { summary: "per-user lists in the shared store (atomic push)", store: true },
  },
  expected: (cell) => {
    const { variant } = cell;
    // One process: every user sees everyone's items. Several (or a restarted one): items get lost too.
    if (variant === 'buggy') return severalProcesses(cell) ? 'lost' : 'leaked';
    return sharedStoreVerdict(cell);
  },
  // Three hints for a participant's own fix (npm run lab try), each one step closer; never the fixed code.
  hints: [
    "Whose list is it? And when a user's next request lands on another worker process, where does their list come from?",
    "One module-level array holds every user's items, and every worker process has its own copy of it.",
    "Keep one list per user, keyed by the user and nothing that another user could share, in the shared store; append with the store's own operation and read the list from the store on every request.",
  ],
  tryIt: [
    'curl -s -X POST {url}/items -H "authorization: Bearer ana" -H "content-type: application/json" -d \'{"item":"ana-secret"}\'; echo    # ana adds an item',
    'curl -s {url}/items -H "authorization: Bearer bob"; echo    # bob sees it (buggy: one list for everyone), or not, depending on the worker',
    'for i in 1 2 3 4; do curl -si {url}/items -H "authorization: Bearer ana" | grep -E "x-worker-id|items"; done    # ana\'s own item is on one worker only',
  ],
  checker: setChecker,
  scenario: globalListScenario,
  // 600 requests (400 adds, 200 reads) show both bugs of buggy@4 hundreds of times. In the latency
  // cell every store operation waits ~25 ms (an add does two), and the sequential reads at the end
  // wait too: 180 requests keep that cell near the others, and every add's own answer still shows
  // an add acknowledged before the store applied it.
  defaults: { requests: 600, connections: 20, latencyRequests: 180 },
});
