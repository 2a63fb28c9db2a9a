import { counterChecker } from '../../harness/checkers/counter.js';
import { defineLab, severalProcesses, sharedStoreVerdict } from '../../harness/contract.js';
import { counterScenario } from './scenario.js';

export default defineLab(import.meta.url, {
  title: 'Per-worker counter',
  summary: 'A counter in a module-level variable: each worker counts alone and increments get lost.',
  source: '003_eb6165e813f4c6e1.txt',
  variants: {
    buggy: { summary: 'a module-level number in each worker' },
    naive: { summary: 'the shared store, used as get-then-set', store: true },
    fixed: { summary: "the shared store's atomic incr", store: true },
  },
  expected: (cell) => {
    const { variant } = cell;
    // Several processes each count alone; a restarted or killed worker starts again from 0.
    if (variant === 'buggy') return severalProcesses(cell) ? 'lost' : 'ok';
    // Requests interleave at every await, so get-then-set loses increments even in one worker.
    if (variant === 'naive') return 'lost';
    // The primary store lives on one machine: two hosts have two counters again.
    return sharedStoreVerdict(cell);
  },
  // Three hints for a participant's own fix (npm run lab try), each one step closer; never the fixed code.
  hints: [
    'How many copies of `count` exist when four worker processes serve this app? Which one does a read see?',
    'The count is a module-level variable: each worker process has its own, and adds only the increments it served.',
    'Keep the count in the shared store and change it there in one operation, not as read, add, write; read it from the store on every request, never from a copy in the worker.',
  ],
  tryIt: [
    'for i in $(seq 20); do curl -s -X POST {url}/incr; echo; done    # each answer counts from where its worker was',
    'for i in 1 2 3 4; do curl -si {url}/count | grep -E "x-worker-id|count"; done    # every worker has its own count',
    'curl -s -X POST {url}/incr {url}/incr {url}/incr    # one keep-alive connection, one worker: its count climbs',
  ],
  checker: counterChecker,
  scenario: counterScenario,
  // `requests` counts the increments; the scenario adds one read per 4 of them. 400 show every bug
  // many times over (buggy@4 and naive lose most of them) and keep the 8-cell matrix short. In the
  // latency cell every store operation waits ~25 ms, so its load is smaller: 200 increments and 50
  // reads still let 8 to 21 reads per run overtake an increment acknowledged before the store
  // applied it (`void store.incr`, measured over 10 runs).
  defaults: { requests: 400, connections: 20, latencyRequests: 200 },
});
