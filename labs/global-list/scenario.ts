// Every worker is asked for a user's (still empty) list; then eight users add items to their own
// lists and read them, interleaved over all connections (each request picks the next user, so every
// user's requests reach every worker); then each user adds one more item, and every user reads their
// list on fresh connections, once on every worker (one user's reads at once).
//
// Why this shape (each part rejects a class of wrong fix that the plain "add, then read at the end"
// let pass):
// - reads before and during the adds, on every worker: a worker that caches a list on its first
//   read looks right when that first read comes after the last add;
// - one more add per user right before the final reads: every worker's copy of every list is then
//   out of date, so a cache that only one worker hears is invalidated shows on the others;
// - users u11 and u12 next to u1: an owner test or a key built without a separator ("u11".startsWith
//   ("u1")) mixes their items into u1's list;
// - each add's answer (the list after the add) is judged too, and must show the item just added.
import type { RequestSpec, Scenario, ScenarioParams } from '../../harness/contract.js';

export const USERS = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u11', 'u12'];
const items = (body: { items?: unknown }): unknown => body.items;
const as = (user: string): Record<string, string> => ({ authorization: `Bearer ${user}` });

export function globalListScenario({ requests, connections, workers, hosts }: ScenarioParams): Scenario {
  // Consecutive fresh connections go to every worker in turn: this many reach each one once. (Once,
  // not twice: in the latency cell each of these sequential reads waits ~25 ms for the store.)
  const everyWorker = workers * hosts;
  const read = (user: string): RequestSpec => ({ op: 'read', user, path: '/items', headers: as(user), seen: items });
  // Items are named after their user so that a leak is plain to see.
  const add = (user: string, item: string): RequestSpec =>
    ({ op: 'add', user, value: item, method: 'POST', path: '/items', headers: as(user), body: { item }, seen: items });
  return {
    steps: [
      {
        kind: 'fresh',
        label: 'empty lists on every worker',
        count: everyWorker,
        request: (seq) => read(USERS[seq % USERS.length]!),
        together: everyWorker,
      },
      {
        kind: 'load',
        label: 'adds and reads',
        amount: requests,
        connections,
        // Two adds for every read.
        request: (seq) => {
          const user = USERS[seq % USERS.length]!;
          return seq % 3 === 2 ? read(user) : add(user, `${user}-${seq}`);
        },
      },
      {
        // All at once (which worker each lands on does not matter): in the latency cell, eight adds one
        // after the other would cost half a second.
        kind: 'load',
        label: 'one more add per user',
        amount: USERS.length,
        connections: USERS.length,
        request: (seq) => add(USERS[seq]!, `${USERS[seq]!}-last`),
      },
      {
        kind: 'fresh',
        label: "every user's list on every worker",
        count: USERS.length * everyWorker,
        // Consecutive reads for one user, so that each user's reads visit every worker in turn; one
        // user's reads at once (in the latency cell, 32 reads one after the other took a second).
        request: (seq) => read(USERS[Math.floor(seq / everyWorker)]!),
        together: everyWorker,
      },
    ],
  };
}
