// Many concurrent increments, then reads on fresh connections that visit every worker twice.
import type { Scenario, ScenarioParams } from '../../harness/contract.js';

const count = (body: { count?: unknown }): unknown => body.count;

export function counterScenario({ requests, connections, spreadReads }: ScenarioParams): Scenario {
  return {
    steps: [
      {
        kind: 'load',
        label: 'increments',
        amount: requests,
        connections,
        request: () => ({ op: 'incr', value: 1, method: 'POST', path: '/incr', seen: count }),
      },
      {
        kind: 'fresh',
        label: 'reads on every worker',
        count: spreadReads,
        request: () => ({ op: 'read', path: '/count', seen: count }),
      },
    ],
  };
}
