import { sessionChecker } from '../../harness/checkers/session.js';
import { defineLab, severalProcesses, sharedStoreVerdict } from '../../harness/contract.js';
import { sessionMemoryScenario } from './scenario.js';

export default defineLab(import.meta.url, {
  title: 'Session memory',
  summary: "express-session's default MemoryStore: logged in on one worker, logged out on the next.",
  source: 'express-session 1.19.0 (its default MemoryStore)',
  variants: {
    buggy: { summary: "express-session's default MemoryStore, one per worker" },
    fixed: { summary: 'an express-session Store over the shared store', store: true },
  },
  expected: (cell) => {
    const { variant } = cell;
    // Each worker has its own MemoryStore; a restarted or killed worker comes back with an empty one.
    if (variant === 'buggy') return severalProcesses(cell) ? 'lost' : 'ok';
    return sharedStoreVerdict(cell);
  },
  // Three hints for a participant's own fix (npm run lab try), each one step closer; never the fixed code.
  hints: [
    'A user logs in on one worker. When their next request lands on another worker, who there knows about their session?',
    "express-session keeps its sessions in its default store: an object in each worker's own memory, gone when the worker restarts.",
    'Give express-session a store of your own that keeps each session in the shared store under its session id (get, set, destroy), and calls back only once the shared store has answered.',
  ],
  tryIt: [
    'curl -s -c {dataDir}/cookies -X POST {url}/login -H \'content-type: application/json\' -d \'{"user":"ana"}\'; echo    # log in; curl keeps the cookie',
    'for i in 1 2 3 4; do curl -si -b {dataDir}/cookies {url}/me | grep -E "^HTTP|x-worker-id|user|error"; done    # buggy: logged in on one worker only',
    'curl -si -b {dataDir}/cookies -X POST {url}/logout | grep -E "^HTTP|x-worker-id"; for i in 1 2 3 4; do curl -si -b {dataDir}/cookies {url}/me | grep -E "^HTTP|x-worker-id"; done    # log out, then the old cookie: 401 on every worker',
  ],
  checker: sessionChecker,
  scenario: sessionMemoryScenario,
  // The latency cell's store answers in 0-50 ms, and a login or a logout takes two store operations:
  // half the load there still logs every device in and most of them out, each followed by a request.
  defaults: { requests: 800, connections: 16, latencyRequests: 400 },
});
