import { staleChecker } from '../../harness/checkers/stale.js';
import { defineLab } from '../../harness/contract.js';
import { writePrice } from './price-file.js';
import { moduleLoadReadScenario } from './scenario.js';

export default defineLab(import.meta.url, {
  title: 'Module-load read',
  summary: 'A value read once when the module loads: it goes stale when the data changes, in every worker.',
  source: '001_44f55002fa617648.txt',
  variants: {
    buggy: { summary: 'reads the price file once, at module load' },
    ttl: { summary: 'caches the price for 250 ms: stale on purpose, with a bound' },
    fixed: { summary: 'reads the price file in the request handler' },
  },
  // Not about workers at all: a value read at load time is stale in one process as in many. The
  // price changes three times (the last time keeping the file's modification time): fixed must be
  // right after every change; ttl is stale right after a change, but never longer than its TTL.
  expected: ({ variant }) => (variant === 'fixed' ? 'ok' : 'stale'),
  // Three hints for a participant's own fix (npm run lab try), each one step closer; never the fixed code.
  hints: [
    'When is the price read: once per process, or once per request? What does an answer give after another program has changed the file?',
    'The state is the price constant at the top of buggy.ts: each worker fills it when it imports the module, and nothing ever fills it again.',
    'Read the file where the answer is made, in the request handler (price-file.ts has an async reader). A cache is only right if it cannot miss a change: a timer or a file watcher can.',
  ],
  tryIt: [
    'for i in 1 2 3 4; do curl -s {url}/price; echo; done    # version 1 everywhere',
    'echo \'{"version":2,"cents":1299}\' > {dataDir}/price.json    # another program changes the price',
    'for i in 1 2 3 4; do curl -s {url}/price; echo; done    # buggy: still version 1, on every worker, until a restart',
  ],
  checker: staleChecker,
  scenario: moduleLoadReadScenario,
  prepare: (dataDir) => writePrice(dataDir, { version: 1, cents: 999 }),
  // The load is split over the price changes (100 reads under load after each of the three); what
  // catches a wrong fix is the reads on every worker right after each change, so the loads stay small.
  defaults: { requests: 300, connections: 10 },
});
