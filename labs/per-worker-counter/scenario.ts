// A read on every worker before any increment; then `requests` concurrent increments with reads
// mixed in (every READ_EVERY-th request of the load), so that reads land on every worker while the
// count is climbing; then a read on every worker again, each on a fresh connection.
//
// Why reads before and during the writes, not only after: a fix that caches the first count it
// reads, answers before the store counted (`void store.incr`), or flushes a local batch later looks
// right when every read comes after the last increment; a read in the middle of the load, judged
// against the increments acknowledged before it began, shows it.
import type { RequestSpec, Scenario, ScenarioParams } from '../../harness/contract.js';

/** One request in this many of the main load is a read of the count. */
export const READ_EVERY = 5;

const count = (body: { count?: unknown }): unknown => body.count;
const read = (): RequestSpec => ({ op: 'read', path: '/count', seen: count });
const incr = (): RequestSpec => ({ op: 'incr', value: 1, method: 'POST', path: '/incr', seen: count });

export function counterScenario({ requests, connections, workers, hosts }: ScenarioParams): Scenario {
  // Consecutive fresh connections go to every worker in turn: this many reach each one once. (Once,
  // not twice: in the latency cell each sequential read waits ~25 ms for the store.)
  const everyWorker = workers * hosts;
  // `requests` is the number of increments (as it always was: `--requests 600` sends 600 of them);
  // the reads come on top, one after every READ_EVERY - 1 increments.
  const amount = requests + Math.floor(requests / (READ_EVERY - 1));
  return {
    steps: [
      { kind: 'fresh', label: 'a read on every worker, before', count: everyWorker, request: read },
      {
        kind: 'load',
        label: 'increments and reads',
        amount,
        connections,
        request: (seq) => (seq % READ_EVERY === READ_EVERY - 1 ? read() : incr()),
      },
      // Until every worker has answered: a server that does not hand connections round in turn
      // (gunicorn-counter's sync workers race to accept) may give the first few to the same worker.
      { kind: 'fresh', label: 'a read on every worker, after', count: everyWorker, untilEvery: everyWorker, request: read },
    ],
  };
}
