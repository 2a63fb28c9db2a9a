import { pureChecker } from '../../harness/checkers/pure.js';
import { defineLab } from '../../harness/contract.js';
import { staticCacheScenario } from './scenario.js';

export default defineLab(import.meta.url, {
  title: 'Static cache',
  summary: "A class-level cache keyed by part of the input: one song's result comes back for another.",
  source: '000_0660965a43938349.txt',
  variants: {
    buggy: { summary: 'a static Map keyed by sample name only' },
    fixed: { summary: 'the cache keyed by sample, tempo and key (bounded)' },
  },
  // A bug of one process serving many requests: it shows with one worker, and differently in each of N.
  // The inputs vary each field of a song on its own (see scenario.ts), so that a cache keyed by less
  // than the whole input is caught; the verdicts are the same as with the six songs alone.
  expected: ({ variant }) => (variant === 'buggy' ? 'leaked' : 'ok'),
  // Three hints for a participant's own fix (npm run lab try), each one step closer; never the fixed code.
  hints: [
    'Two songs ask for the same sample: do they get the same rendering? What does one rendering depend on?',
    "The cache is a static Map on the class: one per worker process, shared by every request and every song, and keyed by the sample's name alone.",
    'Keep a cache to one song (per instance), or key the shared one by everything a rendering depends on (sample, tempo, musical key), built so that two different inputs can never make the same key.',
  ],
  tryIt: [
    'curl -s -X POST {url}/remix -H "content-type: application/json" -d \'{"name":"a","tempo":90,"key":"A minor","samples":["kick","snare"]}\'; echo    # song a renders kick at 90 bpm',
    'curl -s -X POST {url}/remix -H "content-type: application/json" -d \'{"name":"b","tempo":128,"key":"C major","samples":["kick","snare"]}\'; echo    # song b: buggy answers a\'s kick on the worker that rendered a',
    'for i in 1 2 3 4; do curl -si -X POST {url}/remix -H "content-type: application/json" -d \'{"name":"b","tempo":128,"key":"C major","samples":["kick"]}\' | grep -E "x-worker-id|parts"; done    # the answer depends on the worker',
  ],
  checker: pureChecker,
  scenario: staticCacheScenario,
  // 60 rounds of the scenario's 11 inputs: every worker renders every input many times, so a cache
  // that lets two inputs meet is caught on each worker; more requests only make the matrix longer.
  defaults: { requests: 660, connections: 20 },
});
