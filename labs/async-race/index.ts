import { bankChecker } from '../../harness/checkers/bank.js';
import { defineLab, sharedStoreVerdict } from '../../harness/contract.js';
import { asyncRaceScenario } from './scenario.js';

export default defineLab(import.meta.url, {
  title: 'Async race',
  summary: 'Read, await, write: transfers overwrite each other even in one worker, and money vanishes.',
  source: '002_dc6d9cff93cb123c.txt',
  variants: {
    buggy: { summary: 'reads both balances, awaits a fraud check, writes them back', store: true },
    mutex: { summary: 'the same, inside an in-process lock per account', store: true },
    fixed: { summary: "the transfer as one atomic store operation (incrMany)", store: true },
  },
  expected: (cell) => {
    const { variant, workers, hosts, fault } = cell;
    // Requests interleave at every await: one worker is enough to lose transfers.
    if (variant === 'buggy') return 'lost';
    // A lock in process memory holds only in its own process. A graceful restart (--restart-every) has
    // two processes for a moment even with one worker: the one leaving finishes its requests while its
    // replacement takes new ones. A killed worker is gone at once, so its replacement races nobody.
    if (variant === 'mutex') return workers * hosts > 1 || fault === 'restart' ? 'lost' : 'ok';
    // The primary store lives on one machine: two hosts have two banks.
    return sharedStoreVerdict(cell);
  },
  // Three hints for a participant's own fix (npm run lab try), each one step closer; never the fixed code.
  hints: [
    'Between reading a balance and writing it back, the transfer awaits. What can other transfers do to that balance meanwhile, even on this one worker?',
    'The balances live in the shared store, but each transfer carries a copy through the worker: read both, wait, write both. A lock in process memory holds back only the requests of its own worker.',
    'Let the store move the money in one operation that changes both accounts at once, with nothing read into the worker in between: look at what SharedStore offers.',
  ],
  tryIt: [
    'for a in alice bob carol dave; do curl -s -X POST {url}/deposit -H \'content-type: application/json\' -d "{\\"account\\":\\"$a\\",\\"amount\\":1000}"; echo; done    # open the accounts',
    'seq 200 | xargs -P 20 -I% curl -s -o /dev/null -X POST {url}/transfer -H \'content-type: application/json\' -d \'{"from":"alice","to":"bob","amount":1}\'    # 200 transfers of 1, 20 at a time',
    'curl -s {url}/balances; echo    # alice should have 200 less than she had, bob 200 more (buggy: far from it)',
  ],
  checker: bankChecker,
  scenario: asyncRaceScenario,
  // The latency cell's store answers in 0-50 ms: a request takes ~25 times longer there, and the
  // mutex variant holds its locks across three store round trips, so that cell gets a smaller load
  // (enough for the transfers that are two operations to show in the reads between them).
  defaults: { requests: 600, connections: 10, latencyRequests: 120 },
});
