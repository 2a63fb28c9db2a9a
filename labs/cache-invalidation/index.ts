import { staleChecker } from '../../harness/checkers/stale.js';
import { defineLab, type CellKey, type Verdict } from '../../harness/contract.js';
import { writeInitialCatalog } from './catalog-db.js';
import { cacheInvalidationScenario } from './scenario.js';

/** Another worker holds a copy that only its own worker would empty: more than one process serves at a time. */
const otherCopies = (cell: CellKey): boolean => cell.workers * cell.hosts > 1;

export default defineLab(import.meta.url, {
  title: 'Cache invalidation',
  summary: "A per-worker lru-cache emptied on update: the worker that took the update forgets, the others serve the old price.",
  source: 'package lru-cache; ptarjan/node-cache#69, Unitech/pm2#2291',
  variants: {
    buggy: { summary: 'a per-worker LRUCache, the entry deleted on the worker that took the update' },
    ttl: { summary: 'the same, with entries that expire after 250 ms: stale on purpose, with a bound' },
    fixed: { summary: 'each entry stamped with a version kept in the shared store, checked on every read', store: true },
  },
  expected: (cell): Verdict => {
    // One worker: the worker that takes the PUT is the only one with a copy, and it empties it. A
    // worker replaced by a fault starts with an empty cache, so a fault alone makes nothing stale.
    if (cell.variant === 'buggy' || cell.variant === 'ttl') return otherCopies(cell) ? 'stale' : 'ok';
    // The version lives in the store: the primary store of host 1 never hears of a PUT on host 1
    // at host 2, whose workers keep their copies (the database itself is shared); Redis holds.
    return cell.hosts > 1 && cell.store === 'primary' ? 'stale' : 'ok';
  },
  // Three hints for a participant's own fix (npm run lab try), each one step closer; never the fixed code.
  hints: [
    'The PUT empties a cache. Whose? Which copies of the product are there when four workers have each served it once?',
    'Each worker process holds its own LRUCache: delete() on one of them cannot reach the others, and nothing tells them that the row changed.',
    'Let every worker find out, on every read, whether its copy is still current: keep a version number per product in the shared store, bump it after each write, and serve a cached copy only if it was loaded at the version the store holds now.',
  ],
  tryIt: [
    'for i in 1 2 3 4; do curl -s {url}/products/espresso; echo; done    # every worker caches 1000 cents',
    'curl -s -X PUT {url}/products/espresso/price -H "content-type: application/json" -d \'{"cents":1250}\'; echo    # one worker takes the change',
    'for i in 1 2 3 4; do curl -si {url}/products/espresso | grep -E "x-worker-id|cents"; done    # buggy: only the worker that took the PUT says 1250',
  ],
  checker: staleChecker,
  scenario: cacheInvalidationScenario,
  prepare: writeInitialCatalog,
  // The reads under load (split over the three changes) only keep the caches busy; what catches a
  // wrong fix is the reads on every worker right after each change, so the loads stay small. In the
  // latency cell every read waits for the store (~25 ms): a smaller load keeps it as short as the others.
  defaults: { requests: 240, connections: 10, latencyRequests: 90 },
});
