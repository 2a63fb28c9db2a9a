// prom-client as its README's first example uses it: a counter in the default registry, and
// GET /metrics answering with `register.metrics()`. Right on one process; under a cluster, each
// scrape gets the numbers of whichever worker the connection reached.
import { Counter, register } from 'prom-client';
import { defineVariant } from '../../harness/contract.js';
import { ORDERS_HELP, ORDERS_METRIC, shopApp } from './shop.js';

// BUG: the default registry is an object in this worker's memory: it counts the orders this worker
// served, and nothing else. Four workers keep four counts.
const orders = new Counter({ name: ORDERS_METRIC, help: ORDERS_HELP });

export default defineVariant(() => shopApp({
  orderPlaced: () => orders.inc(),
  // BUG: answers with this worker's registry alone; the scrape sees about a quarter of the orders.
  exposition: async () => ({ contentType: register.contentType, text: await register.metrics() }),
}));
