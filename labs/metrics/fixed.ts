// prom-client's own answer for node:cluster: an AggregatorRegistry in the primary asks every worker
// for its metrics over IPC and sums them. The worker that gets the scrape asks its primary for that
// sum, through the variant's primary part (contract.ts, PrimaryPart).
import { AggregatorRegistry, Counter } from 'prom-client';
import { definePrimaryPart, defineVariant } from '../../harness/contract.js';
import { ORDERS_HELP, ORDERS_METRIC, shopApp, type Exposition } from './shop.js';

const orders = new Counter({ name: ORDERS_METRIC, help: ORDERS_HELP });
// FIX: this module runs in the workers and in the primary, as prom-client's cluster example does.
// In a worker, constructing an AggregatorRegistry is what makes it answer the primary's requests
// for its metrics (without one, the primary's clusterMetrics() waits 5 s and fails); in the
// primary, it is the registry that asks and sums.
const aggregator = new AggregatorRegistry();

// FIX: runs in the host's primary, the only process that knows every worker: the sum of all of them.
export const primary = definePrimaryPart(() => async (): Promise<Exposition> => ({
  contentType: aggregator.contentType,
  text: await aggregator.clusterMetrics(),
}));

export default defineVariant(({ askPrimary }) => {
  if (!askPrimary) throw new Error('this variant needs its primary part: run it in the harness cluster');
  return shopApp({
    orderPlaced: () => orders.inc(),
    // FIX: the worker that got the scrape asks its primary, which asks every worker (this one too).
    exposition: async () => (await askPrimary('metrics')) as Exposition,
  });
});
