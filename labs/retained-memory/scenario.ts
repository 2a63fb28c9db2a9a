// Warm up every worker, probe every worker, load, probe again: the growth between a worker's first
// probe after its warm-up and its last, per request served in between, is what the checker judges.
// A probe round asks every worker for its retained heap (after a forced GC), then for the number of
// listeners on its settings: a count shows a leak of a few bytes per request that the heap's noise
// hides. The warm-up comes in two loads with a probe round between them, which waits until every
// worker listens: a worker replaced during the first (--kill-worker strikes there) warms up in the
// second, like the others. Between them an admin changes the line ending on every worker, so the
// settings' change event fires on listeners that are still there, and one document in ten is binary
// and rejected halfway: every path a request can take, the failing one included, is exercised.
import type { RequestSpec, Scenario, ScenarioParams, Step } from '../../harness/contract.js';
import { HEAP_PATH } from '../../harness/app-shell.js';

/** A worker's probes count once it has served this many requests: before, it is still compiling its code. */
export const WARM_UP_REQUESTS = 50;
/** The checker judges a worker only when it served this many requests between its probes: over fewer, GC noise (a few hundred kB) could pass the bound. */
export const MIN_REQUESTS_JUDGED = 200;
/** The measured load gives each worker at least this many on average, so that unevenly spread connections still leave workers to judge. */
const MIN_LOAD_PER_WORKER = 300;
/** Every this many documents, one is binary: the formatter rejects it (422) after formatting part of it. */
export const REJECT_EVERY = 10;
/** The line of a binary document that holds the NUL byte: the lines before it were formatted when it is rejected. */
const BINARY_LINE = 30;

/** A document of some 40 lines, different for every request, as an upload to normalise would be; `binary`: one line holds a NUL byte. */
export function documentFor(seq: number, binary = false): string {
  return Array.from({ length: 40 }, (_, line) =>
    `${seq};${line};${'field,'.repeat(8)}${binary && line === BINARY_LINE ? '\0' : ''}${(seq * 31 + line) % 997}`).join('\r\n');
}

const format = (seq: number): RequestSpec => {
  // A rejected text is the right answer for a binary document: the cell counts its 422 as expected.
  const binary = seq % REJECT_EVERY === REJECT_EVERY - 1;
  return {
    op: 'format',
    method: 'POST',
    path: '/format',
    body: { text: documentFor(seq, binary) },
    ...(binary && { expectFail: true }),
    seen: (body: { formatted?: unknown }) => (typeof body.formatted === 'string' ? body.formatted.length : undefined),
  };
};

export function retainedMemoryScenario({ requests, connections, workers, hosts }: ScenarioParams): Scenario {
  const slots = workers * hosts;
  const probe = (round: number): Step[] => [{
    kind: 'fresh',
    label: `heap probe ${round} on every worker`,
    // Three probes per worker (fresh connections go round-robin): a probe right after a load may still
    // find some of its garbage reachable, and the checker keeps each worker's lowest reading.
    count: 3 * slots,
    together: slots, // every worker's probe (and forced GC) at once
    request: () => ({ op: 'heap', path: HEAP_PATH }),
  }, {
    kind: 'fresh',
    label: `listener count ${round} on every worker`,
    // Right after the heap probes, with no load in between: the checker gives each count the served
    // count of the same worker's heap probe.
    count: 2 * slots,
    together: slots,
    request: () => ({ op: 'retained', value: 'listeners on the settings', path: '/settings', seen: (body: { listeners?: unknown }) => body.listeners }),
  }];
  const load = (label: string, amount: number, offset: number): Step =>
    ({ kind: 'load', label, amount, connections, request: (seq) => format(offset + seq) });
  const changeLineEnding: Step = {
    kind: 'fresh',
    label: 'an admin changes the line ending on every worker',
    count: 2 * slots,
    together: slots,
    request: () => ({ op: 'settings', method: 'POST', path: '/settings', value: 'crlf', body: { lineEnding: 'crlf' } }),
  };
  // `--requests` below the minimum is raised to it: a smaller load could only end in `unknown`.
  const measured = Math.max(requests, MIN_LOAD_PER_WORKER * slots);
  const firstWarmUp = Math.ceil(measured / 8);
  const secondWarmUp = Math.ceil(measured / 4);
  return {
    steps: [
      load('warm-up', firstWarmUp, 0),
      ...probe(1),
      // Before the second warm-up, so that a listener removed only by a change (`once`) is back to
      // nothing at the first counted probe of every worker, and then piles up through the load.
      changeLineEnding,
      load('warm-up, replaced workers too', secondWarmUp, firstWarmUp),
      ...probe(2),
      load('load', measured, firstWarmUp + secondWarmUp),
      ...probe(3),
    ],
  };
}
