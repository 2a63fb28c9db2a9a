// Subscribers first: SUBSCRIBERS_PER_WORKER event streams on every worker of every host, opened one
// by one on fresh connections (each host's round-robin hands them to its workers in turn) and held
// open; the moment each one is open, GREETINGS posts ("hi-N") go out at once, as chat users greet a
// newcomer: a stream whose headers went out before its worker was subscribed misses them (in the
// latency cell, where subscribing takes up to 50 ms, every run). Then `requests` concurrent posts,
// and one more post on every worker on fresh connections.
// When the last post is answered the harness drains the streams: every subscriber must have received
// every acknowledged post once (harness/checkers/broadcast.ts).
//
// Every REPEAT_EVERY-th post says the same thing ("+1"), as chat users do: a fix that drops a message
// it believes it has already delivered (a dedupe by text) loses those. Every other text is unique.
import type { RequestSpec, Scenario, ScenarioParams } from '../../harness/contract.js';

export const SUBSCRIBERS_PER_WORKER = 2;
export const REPEAT_EVERY = 5;
export const REPEATED = '+1';
export const GREETINGS = 4;

const post = (text: string): RequestSpec => ({ op: 'post', value: text, method: 'POST', path: '/messages', body: { text } });
export const textOf = (seq: number): string => (seq % REPEAT_EVERY === REPEAT_EVERY - 1 ? REPEATED : `m${seq}`);

export function broadcastScenario({ requests, connections, workers, hosts }: ScenarioParams): Scenario {
  const everyWorker = workers * hosts;
  return {
    steps: [
      { kind: 'subscribe', label: 'subscribers on every worker', op: 'subscribe', path: '/events', perWorker: SUBSCRIBERS_PER_WORKER, workers: everyWorker, awaits: 'post',
        afterOpen: { count: GREETINGS, request: (seq) => post(`hi-${seq}`) } },
      { kind: 'load', label: 'posts', amount: requests, connections, request: (seq) => post(textOf(seq)) },
      { kind: 'fresh', label: 'a post on every worker', count: everyWorker, request: (seq) => post(`last-${seq}`) },
    ],
  };
}
