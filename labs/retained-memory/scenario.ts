// Warm up every worker, probe every worker's retained heap, load, probe again: the growth between a
// worker's first probe after its warm-up and its last, per request served in between, is what the
// checker judges. The warm-up comes in two loads with a probe round between them, which waits until
// every worker listens: a worker replaced during the first (--kill-worker strikes there) warms up in
// the second, like the others.
import type { RequestSpec, Scenario, ScenarioParams, Step } from '../../harness/contract.js';
import { HEAP_PATH } from '../../harness/app-shell.js';

/** A worker's probes count once it has served this many requests: before, it is still compiling its code. */
export const WARM_UP_REQUESTS = 50;
/** The checker judges a worker only when it served this many requests between its probes: over fewer, GC noise (a few hundred kB) could pass the bound. */
export const MIN_REQUESTS_JUDGED = 200;
/** The measured load gives each worker at least this many on average, so that unevenly spread connections still leave workers to judge. */
const MIN_LOAD_PER_WORKER = 300;

/** A document of some 40 lines, different for every request, as an upload to normalise would be. */
export function documentFor(seq: number): string {
  return Array.from({ length: 40 }, (_, line) => `${seq};${line};${'field,'.repeat(8)}${(seq * 31 + line) % 997}`).join('\r\n');
}

const format = (seq: number): RequestSpec => ({
  op: 'format',
  method: 'POST',
  path: '/format',
  body: { text: documentFor(seq) },
  seen: (body: { formatted?: unknown }) => (typeof body.formatted === 'string' ? body.formatted.length : undefined),
});

export function retainedMemoryScenario({ requests, connections, workers, hosts }: ScenarioParams): Scenario {
  const probe = (round: number): Step => ({
    kind: 'fresh',
    label: `heap probe ${round} on every worker`,
    // Three probes per worker (fresh connections go round-robin): a probe right after a load may still
    // find some of its garbage reachable, and the checker keeps each worker's lowest reading.
    count: 3 * workers * hosts,
    request: () => ({ op: 'heap', path: HEAP_PATH }),
  });
  const load = (label: string, amount: number, offset: number): Step =>
    ({ kind: 'load', label, amount, connections, request: (seq) => format(offset + seq) });
  // `--requests` below the minimum is raised to it: a smaller load could only end in `unknown`.
  const measured = Math.max(requests, MIN_LOAD_PER_WORKER * workers * hosts);
  const firstWarmUp = Math.ceil(measured / 8);
  const secondWarmUp = Math.ceil(measured / 4);
  return {
    steps: [
      load('warm-up', firstWarmUp, 0),
      probe(1),
      load('warm-up, replaced workers too', secondWarmUp, firstWarmUp),
      probe(2),
      load('load', measured, firstWarmUp + secondWarmUp),
      probe(3),
    ],
  };
}
