import { growthChecker } from '../../harness/checkers/growth.js';
import { defineLab } from '../../harness/contract.js';
import { MIN_REQUESTS_JUDGED, retainedMemoryScenario, WARM_UP_REQUESTS } from './scenario.js';

export default defineLab(import.meta.url, {
  title: 'Retained memory',
  summary: 'A listener added per request to a module-level emitter: every request leaves its data behind.',
  source: '004_35b4ec89af95016f.txt',
  variants: {
    buggy: { summary: 'subscribes each request\'s formatter to the settings, never unsubscribes' },
    fixed: { summary: 'unsubscribes in finally, when the request is done' },
  },
  expected: ({ variant, fault }) => {
    // Recycled workers (--restart-every K, for K up to 250: the warm-up's 50 and the 200 a judgement needs)
    // take their memory and their listeners with them, and none is probed twice after its warm-up
    // (the listener count is judged over the same requests as the heap): nothing to judge, the way
    // recycling hides a leak in production.
    if (fault === 'restart') return 'unknown';
    // A killed worker's replacement warms up in the second warm-up load, then leaks like the others (or not).
    return variant === 'buggy' ? 'grew' : 'ok';
  },
  // Three hints for a participant's own fix (npm run lab try), each one step closer; never the fixed code.
  hints: [
    'When a request is done, what can still reach its formatter? Ask that of every object a request hands to something that lives longer.',
    "The settings emitter lives as long as the worker. Each request adds its formatter's method as a 'change' listener, and nothing ever takes it off.",
    'Take the very same listener off when the request is done, also when formatting throws; or do not hang a per-request object on a long-lived emitter at all.',
  ],
  tryIt: [
    'for i in 1 2 3 4; do curl -s {url}/__harness/heap; echo; done    # each worker\'s retained heap, after a full GC',
    'seq 1000 | xargs -P 8 -I% curl -s -o /dev/null -X POST {url}/format -H \'content-type: application/json\' -d \'{"text":"\'"$(seq -s \'\\n\' 500)"\'"}\'    # 1,000 documents of 500 lines',
    'for i in 1 2 3 4; do curl -s {url}/__harness/heap; echo; done    # buggy: each worker kept what it formatted',
    'for i in 1 2 3 4; do curl -s {url}/settings; echo; done    # listeners left on each worker\'s settings (buggy: one per request; fixed: 0)',
    'curl -s -X POST {url}/format -H \'content-type: application/json\' -d \'{"text":"fine\\nbinary \\u0000 line"}\'    # a binary document is refused (422) halfway: the failing path must unsubscribe too',
  ],
  // The byte bound leaves room for GC noise (fixed keeps 220-600 bytes per request in so short a run);
  // the listener count has none, so it may not rise at all: fixed and correct rewrites stay at 0.
  checker: growthChecker({ boundBytesPerRequest: 2048, warmUpRequests: WARM_UP_REQUESTS, minRequests: MIN_REQUESTS_JUDGED, allowedRetainedGrowth: 0 }),
  scenario: retainedMemoryScenario,
  defaults: { requests: 1600, connections: 16 },
});
