// Read the price everywhere, then change it from outside the app several times, reading on every
// worker right after each change and under load in between; once more after the ttl variant's cache
// expired. One change is not enough: a watcher that fires once, or a cache that is emptied once,
// gets the first change right and every later one wrong. And the last change keeps the file's
// modification time, as real changes sometimes do, so that a cache checked by timestamp misses it.
import type { Scenario, ScenarioParams, Step } from '../../harness/contract.js';
import { writePrice, type Price, type WriteOptions } from './price-file.js';
import { TTL_MS } from './ttl.js';

const version = (body: { version?: unknown } | undefined): unknown => body?.version ?? null;
const readPrice = () => ({ op: 'read', path: '/price', seen: version });

/** The changes another program makes, in order (version 1, 999 cents, is there before the workers start). */
export const CHANGES: ReadonlyArray<{ price: Price; options?: WriteOptions }> = [
  { price: { version: 2, cents: 1299 } },
  { price: { version: 3, cents: 1399 } },
  // Same length as version 3, and the same modification time: only the content tells them apart.
  { price: { version: 4, cents: 1499 }, options: { keepModifiedTime: true } },
];

export function moduleLoadReadScenario({ requests, connections, spreadReads, dataDir }: ScenarioParams): Scenario {
  const perChange = Math.max(1, Math.ceil(requests / CHANGES.length));
  const steps: Step[] = [
    // Every worker answers (and a lazy cache, like the ttl variant's, fills) just before the first change.
    { kind: 'fresh', label: 'reads before the changes', count: spreadReads, request: readPrice },
  ];
  for (const { price, options } of CHANGES) {
    const v = price.version;
    steps.push(
      {
        kind: 'outside',
        label: `another program changes the price to version ${v}${options?.keepModifiedTime ? ', keeping the modification time' : ''}`,
        op: 'write',
        value: v,
        run: () => writePrice(dataDir, price, options),
      },
      // Right after the change, on every worker: within a few milliseconds, whatever the machine's load,
      // so that a cache filled by the reads just before the change is sure to be still in use.
      { kind: 'fresh', label: `reads on every worker right after version ${v}`, count: spreadReads, request: readPrice },
      { kind: 'load', label: `reads under load after version ${v}`, amount: perChange, connections, request: readPrice },
      // The last word of every worker before the next change (and what fills a cache just before it).
      { kind: 'fresh', label: `reads on every worker after the load (version ${v})`, count: spreadReads, request: readPrice },
    );
  }
  steps.push(
    { kind: 'pause', label: "the ttl variant's cache expires", ms: TTL_MS + 50 },
    { kind: 'fresh', label: 'reads after the time-to-live', count: spreadReads, request: readPrice },
  );
  return { steps };
}
