// Read the price everywhere, change it from outside the app, then read it again: under load, and on
// fresh connections that visit every worker; and once more after the ttl variant's cache expired.
import type { Scenario, ScenarioParams } from '../../harness/contract.js';
import { writePrice } from './price-file.js';
import { TTL_MS } from './ttl.js';

const version = (body: { version?: unknown }): unknown => body.version;
const readPrice = () => ({ op: 'read', path: '/price', seen: version });

export function moduleLoadReadScenario({ requests, connections, spreadReads, dataDir }: ScenarioParams): Scenario {
  return {
    steps: [
      // Every worker answers (and the ttl variant fills its cache) just before the change.
      { kind: 'fresh', label: 'reads before the change', count: spreadReads, request: readPrice },
      {
        kind: 'outside',
        label: 'another program changes the price',
        op: 'write',
        value: 2,
        run: () => writePrice(dataDir, { version: 2, cents: 1299 }),
      },
      // Right after the change, on every worker: within a few milliseconds, whatever the machine's load,
      // so that the ttl variant's cache (filled just before the change) is sure to be still in use.
      { kind: 'fresh', label: 'reads on every worker right after the change', count: spreadReads, request: readPrice },
      { kind: 'load', label: 'reads under load', amount: requests, connections, request: readPrice },
      { kind: 'fresh', label: 'reads on every worker', count: spreadReads, request: readPrice },
      { kind: 'pause', label: "the ttl variant's cache expires", ms: TTL_MS + 50 },
      { kind: 'fresh', label: 'reads after the time-to-live', count: spreadReads, request: readPrice },
    ],
  };
}
