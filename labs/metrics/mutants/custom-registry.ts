// MUTANT: counts in a Registry of its own, which the primary's aggregation never asks for (no setRegistries)
// Keeping the app's metrics in their own registry is common and sensible. But a worker answers the
// primary with the registries AggregatorRegistry.setRegistries() named, by default only the global
// one: the aggregate has no orders at all.
import { AggregatorRegistry, Counter, Registry } from 'prom-client';
import { definePrimaryPart, defineVariant } from '../../../harness/contract.js';
import { ORDERS_HELP, ORDERS_METRIC, shopApp, type Exposition } from '../shop.js';

// MUTANT: a registry the workers are never told to report (AggregatorRegistry.setRegistries).
const registry = new Registry();
const orders = new Counter({ name: ORDERS_METRIC, help: ORDERS_HELP, registers: [registry] });
const aggregator = new AggregatorRegistry();

export const primary = definePrimaryPart(() => async (): Promise<Exposition> => ({
  contentType: aggregator.contentType,
  text: await aggregator.clusterMetrics(),
}));

export default defineVariant(({ askPrimary }) => shopApp({
  orderPlaced: () => orders.inc(),
  exposition: async () => (await askPrimary!('metrics')) as Exposition,
}));
