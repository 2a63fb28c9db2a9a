// MUTANT: the primary keeps the aggregate for a second, so that frequent scrapes do not ask every worker each time
// Asking every worker on every scrape sounds expensive, so the sum is kept for a while. Prometheus
// scrapes every 15 s or so and would hardly notice; but a scrape that begins after an order was
// acknowledged gets a sum from before it.
import { AggregatorRegistry, Counter } from 'prom-client';
import { definePrimaryPart, defineVariant } from '../../../harness/contract.js';
import { ORDERS_HELP, ORDERS_METRIC, shopApp, type Exposition } from '../shop.js';

const KEEP_MS = 1000;
const orders = new Counter({ name: ORDERS_METRIC, help: ORDERS_HELP });
const aggregator = new AggregatorRegistry();

export const primary = definePrimaryPart(() => {
  let kept: { at: number; exposition: Promise<Exposition> } | undefined;
  return () => {
    // MUTANT: a sum up to KEEP_MS old is served as the current one.
    if (!kept || Date.now() - kept.at > KEEP_MS) {
      kept = { at: Date.now(), exposition: aggregator.clusterMetrics().then((text) => ({ contentType: aggregator.contentType, text })) };
    }
    return kept.exposition;
  };
});

export default defineVariant(({ askPrimary }) => shopApp({
  orderPlaced: () => orders.inc(),
  exposition: async () => (await askPrimary!('metrics')) as Exposition,
}));
