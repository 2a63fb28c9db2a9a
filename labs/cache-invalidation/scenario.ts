// Read the product on every worker (each caches it), then change its price through the app, three
// times, one PUT each, on whichever worker the next connection reaches. Right after each change:
// a read on every worker, then reads under load, then a read on every worker again. Three changes,
// not one: a fix that is right for the first change only (a flag cleared once, a copy refreshed
// once) must show it.
//
// The PUTs are never concurrent with reads: with one worker, a read that misses the cache while a
// PUT is under way could put the old row back after the PUT emptied the cache (the classic
// cache-aside race). That race is real, but it is not this lab's lesson, and with it buggy@1 would
// be stale only sometimes. Every stale read here comes from another worker's copy.
import type { RequestSpec, Scenario, ScenarioParams, Step } from '../../harness/contract.js';

/** The product whose price changes; the price a read saw is its `seen`. */
export const SKU = 'espresso';
/** The prices written, in order (1000 cents is in the database before the workers start). */
export const CHANGES: readonly number[] = [1100, 1200, 1300];

const cents = (body: { cents?: unknown } | undefined): unknown => body?.cents ?? null;
const read = (): RequestSpec => ({ op: 'read', path: `/products/${SKU}`, seen: cents });
const write = (price: number) => (): RequestSpec => ({
  op: 'write', value: price, method: 'PUT', path: `/products/${SKU}/price`, body: { cents: price }, seen: cents,
});

export function cacheInvalidationScenario({ requests, connections, workers, hosts }: ScenarioParams): Scenario {
  // Consecutive fresh connections go to every worker in turn (each host's, with several): this many
  // reach each one once, which is all a read on every worker needs. (Once, not twice: in the latency
  // cell each of these reads waits for the store.)
  const everyWorker = workers * hosts;
  const perChange = Math.max(1, Math.ceil(requests / CHANGES.length));
  const steps: Step[] = [
    { kind: 'fresh', label: 'reads on every worker: each caches the product', count: everyWorker, request: read },
  ];
  for (const price of CHANGES) {
    steps.push(
      { kind: 'fresh', label: `the price changes to ${price} on one worker`, count: 1, request: write(price) },
      { kind: 'fresh', label: `reads on every worker right after ${price}`, count: everyWorker, request: read },
      { kind: 'load', label: `reads under load after ${price}`, amount: perChange, connections, request: read },
      { kind: 'fresh', label: `reads on every worker after the load (${price})`, count: everyWorker, request: read },
    );
  }
  return { steps };
}
