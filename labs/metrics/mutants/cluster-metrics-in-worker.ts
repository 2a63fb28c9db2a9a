// MUTANT: calls AggregatorRegistry.clusterMetrics() in the worker that got the scrape, with no code in the primary
// The one-port setup everybody tries first (prometheus/client_js#292): the aggregator is constructed
// and asked where the request is. But clusterMetrics() asks the workers of cluster.workers, which
// only the primary has; in a worker there are none to ask, and it resolves at once with nothing.
import { AggregatorRegistry, Counter } from 'prom-client';
import { defineVariant } from '../../../harness/contract.js';
import { ORDERS_HELP, ORDERS_METRIC, shopApp } from '../shop.js';

const orders = new Counter({ name: ORDERS_METRIC, help: ORDERS_HELP });
const aggregator = new AggregatorRegistry();

export default defineVariant(() => shopApp({
  orderPlaced: () => orders.inc(),
  // MUTANT: in a worker, the cluster has no workers to ask: the aggregate is empty.
  exposition: async () => ({ contentType: aggregator.contentType, text: await aggregator.clusterMetrics() }),
}));
