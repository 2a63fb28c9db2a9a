// MUTANT: labels the counter with the worker's id, as prom-client's README suggests for per-worker numbers, and serves it as before
// With a `worker` label every series says where it comes from, and a dashboard could sum them...
// if they were all there. The scrape still reaches one worker, whose registry holds one series.
import { Counter, register } from 'prom-client';
import { defineVariant } from '../../../harness/contract.js';
import { ORDERS_HELP, ORDERS_METRIC, shopApp } from '../shop.js';

const orders = new Counter({ name: ORDERS_METRIC, help: ORDERS_HELP, labelNames: ['worker'] });

export default defineVariant(({ workerId }) => shopApp({
  orderPlaced: () => orders.inc({ worker: workerId }),
  // MUTANT: the labels tell the series apart; the registry served is still this worker's alone.
  exposition: async () => ({ contentType: register.contentType, text: await register.metrics() }),
}));
