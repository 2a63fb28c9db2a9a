// CORRECT: counts in a Registry of its own and names it to AggregatorRegistry.setRegistries in every worker
// The custom-registry mutant with the one line it lacks: each worker now answers the primary with
// the app's registry, and the aggregate counts every order.
import { AggregatorRegistry, Counter, Registry } from 'prom-client';
import { definePrimaryPart, defineVariant } from '../../../harness/contract.js';
import { ORDERS_HELP, ORDERS_METRIC, shopApp, type Exposition } from '../shop.js';

const registry = new Registry();
const orders = new Counter({ name: ORDERS_METRIC, help: ORDERS_HELP, registers: [registry] });
const aggregator = new AggregatorRegistry();
// What a worker reports when the primary asks (the global registry, unless told otherwise).
AggregatorRegistry.setRegistries(registry);

export const primary = definePrimaryPart(() => async (): Promise<Exposition> => ({
  contentType: aggregator.contentType,
  text: await aggregator.clusterMetrics(),
}));

export default defineVariant(({ askPrimary }) => shopApp({
  orderPlaced: () => orders.inc(),
  exposition: async () => (await askPrimary!('metrics')) as Exposition,
}));
