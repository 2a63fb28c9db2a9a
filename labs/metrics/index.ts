import { counterChecker } from '../../harness/checkers/counter.js';
import { defineLab, severalProcesses } from '../../harness/contract.js';
import { metricsScenario } from './scenario.js';

export default defineLab(import.meta.url, {
  title: 'Metrics',
  summary: "prom-client counters in each worker: /metrics answers with the serving worker's numbers only.",
  source: 'package prom-client; jochen-schweizer/express-prom-bundle#16',
  variants: {
    buggy: { summary: "a Counter in each worker's default registry, served as it is" },
    fixed: { summary: "prom-client's AggregatorRegistry in the primary sums every worker's metrics (a primary part)" },
  },
  expected: (cell) => {
    // Each worker counts what it served; a replaced worker starts again from 0.
    if (cell.variant === 'buggy') return severalProcesses(cell) ? 'lost' : 'ok';
    // The primary sums the workers alive now: a worker that died or retired took its orders with it
    // (Prometheus reads the drop as a counter reset). And each host's primary sums only its own
    // workers: one host's /metrics does not count the other's orders (Prometheus scrapes each host
    // and adds them up with sum(); a read of one host cannot).
    return cell.fault !== 'none' || cell.hosts > 1 ? 'lost' : 'ok';
  },
  // Three hints for a participant's own fix (npm run lab try), each one step closer; never the fixed code.
  hints: [
    'A scrape of /metrics is one request: one worker answers it. Whose orders does that answer count?',
    "Each worker has its own default registry, and register.metrics() reads only that one. Only the cluster's primary knows every worker: prom-client has a registry for it.",
    "Construct an AggregatorRegistry at module level (then it also answers in every worker), export a primary part (definePrimaryPart) that returns its clusterMetrics(), and let the worker's /metrics ask for it with askPrimary.",
  ],
  tryIt: [
    'for i in $(seq 20); do curl -s -X POST {url}/orders -H "content-type: application/json" -d \'{"sku":"espresso"}\' >/dev/null; done    # 20 orders, spread over the workers',
    'for i in 1 2 3 4; do curl -s {url}/metrics | grep "^shop_orders_total"; done    # buggy: each scrape counts one worker\'s orders',
    'curl -s {url}/metrics -H "accept: application/json"; echo    # the same, as the scenario reads it',
  ],
  checker: counterChecker,
  scenario: metricsScenario,
  // `requests` counts the orders; one scrape per 4 of them on top. In the fixed variant each scrape
  // is a round trip to every worker, so the load stays small.
  defaults: { requests: 300, connections: 20 },
});
