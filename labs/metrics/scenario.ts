// A scrape of /metrics on every worker before any order; then orders with scrapes mixed in (a scrape,
// then READ_EVERY - 1 orders, over and over), so that scrapes land on every worker while the count
// climbs; then a scrape on every worker again, each on a fresh connection. A scrape is a read of the
// counter: it must show every order acknowledged before it began (the counter checker's bounds).
// Scrapes during the load, not only after it, reject a sum that is cached or collected late.
import type { RequestSpec, Scenario, ScenarioParams } from '../../harness/contract.js';
import { ORDERS_METRIC } from './shop.js';

/** One request in this many of the main load is a scrape. */
export const READ_EVERY = 5;

/** The orders the scrape reports; a scrape without the metric reports none (as Prometheus would see it). */
const ordersSeen = (body: { samples?: Record<string, unknown> } | undefined): unknown => body?.samples?.[ORDERS_METRIC] ?? 0;
const scrape = (): RequestSpec => ({ op: 'read', path: '/metrics', headers: { accept: 'application/json' }, seen: ordersSeen });
const order = (): RequestSpec => ({ op: 'incr', value: 1, method: 'POST', path: '/orders', body: { sku: 'espresso' } });

export function metricsScenario({ requests, connections, workers, hosts }: ScenarioParams): Scenario {
  // Consecutive fresh connections go to every worker in turn: this many reach each one once.
  const everyWorker = workers * hosts;
  // `requests` is the number of orders; the scrapes come on top, one before every READ_EVERY - 1 orders
  // (the last group may be shorter). A scrape goes first in its group, so that the load always ends
  // with an order: a scrape at its very end would sometimes be written only after the last order was
  // answered (the same connection sends it next), and then counts among the reads after the load —
  // readsAfter would be everyWorker or everyWorker + 1, by timing.
  const amount = requests + Math.ceil(requests / (READ_EVERY - 1));
  return {
    steps: [
      { kind: 'fresh', label: 'a scrape on every worker, before', count: everyWorker, request: scrape },
      {
        kind: 'load',
        label: 'orders and scrapes',
        amount,
        connections,
        request: (seq) => (seq % READ_EVERY === 0 ? scrape() : order()),
      },
      { kind: 'fresh', label: 'a scrape on every worker, after', count: everyWorker, request: scrape },
    ],
  };
}
