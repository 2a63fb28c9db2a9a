// Eight users add items to their own lists and read them, interleaved over all connections (each
// request picks the next user, so every user's requests reach every worker); then every user reads
// their list on fresh connections that visit every worker twice.
import type { RequestSpec, Scenario, ScenarioParams } from '../../harness/contract.js';

const USERS = Array.from({ length: 8 }, (_, i) => `u${i + 1}`);
const items = (body: { items?: unknown }): unknown => body.items;
const as = (user: string): Record<string, string> => ({ authorization: `Bearer ${user}` });

export function globalListScenario({ requests, connections, spreadReads }: ScenarioParams): Scenario {
  const read = (user: string): RequestSpec => ({ op: 'read', user, path: '/items', headers: as(user), seen: items });
  return {
    steps: [
      {
        kind: 'load',
        label: 'adds and reads',
        amount: requests,
        connections,
        // Two adds for every read; items are named after their user so that a leak is plain to see.
        request: (seq) => {
          const user = USERS[seq % USERS.length]!;
          if (seq % 3 === 2) return read(user);
          const item = `${user}-${seq}`;
          return { op: 'add', user, value: item, method: 'POST', path: '/items', headers: as(user), body: { item }, seen: items };
        },
      },
      {
        kind: 'fresh',
        label: "every user's list on every worker",
        count: USERS.length * spreadReads,
        // Consecutive reads for one user, so that each user's reads visit every worker in turn.
        request: (seq) => read(USERS[Math.floor(seq / spreadReads)]!),
      },
    ],
  };
}
