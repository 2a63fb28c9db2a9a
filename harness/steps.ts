// What a lab's scenario is made of: the requests it sends and the steps that send them (the other half
// of the contract, harness/contract.ts, re-exports all of it). harness/load.ts and harness/subscribers.ts
// carry the steps out; the recorder turns each answer into a history record.
/** One HTTP request of a scenario, and how it becomes a history record. */
export interface RequestSpec {
  op: string;
  user?: string;
  /** The value this request sends (an item, an increment, a song...). */
  value?: unknown;
  /** What a correct answer would be, when the scenario can compute it (a pure function of the input). */
  expected?: unknown;
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  /**
   * A 4xx is the right answer here (a request with a cookie whose session was logged out, say): the
   * history still records it as `fail`, and the cell counts it among `expectedFailures`, not as a
   * request the app refused by mistake.
   */
  expectFail?: boolean;
  /** Turns the parsed JSON body (and the headers, lower-case) of a 2xx response into the value the history records as seen. */
  seen?: (body: any, headers: Record<string, string | string[] | undefined>) => unknown;
}

/** Concurrent load through autocannon: exactly `amount` requests over `connections` keep-alive connections. */
export interface LoadStep {
  kind: 'load';
  label: string;
  amount: number;
  connections: number;
  request: (seq: number) => RequestSpec;
}
/** Sequential requests, each on a fresh connection, so that round-robin reaches every worker in turn. */
export interface FreshStep {
  kind: 'fresh';
  label: string;
  count: number;
  request: (seq: number) => RequestSpec;
  /**
   * Send the requests in groups of this many at once, each group once the one before was answered
   * (default 1: one by one). Round-robin hands connections that arrive together to the free workers
   * in turn, so a group of workers x hosts requests (consecutive ones alternate hosts) reaches every
   * worker once, in the time of one request rather than of all of them: for reads through a slow store.
   */
  together?: number;
  /**
   * Keep sending (request(seq) past `count` too) until this many different workers have answered, at
   * most 5 x `count` requests: for a server that does not hand connections round in turn (gunicorn's
   * workers race to accept them). Answers that name no worker stop it at `count`.
   */
  untilEvery?: number;
}
/** Something done from outside the app (another program writing the data), recorded in the history. */
export interface OutsideStep {
  kind: 'outside';
  label: string;
  op: string;
  value: unknown;
  run: () => Promise<void>;
}
/** Waiting on purpose (for a cache's time-to-live to pass, say). */
export interface PauseStep {
  kind: 'pause';
  label: string;
  ms: number;
}
/**
 * Long-lived subscribers (Server-Sent Events: `GET path`, one event per message): `perWorker` of them
 * on every worker of every host (`workers` = workers x hosts; fresh connections in turn, counted by
 * x-worker-id), opened before the steps that follow. They stay open until the scenario's last step
 * has run, are then drained (until each has received the value of every acknowledged `awaits` op
 * begun after it opened, or nothing arrives for a while) and closed. Each connection is one history
 * op `op`: its worker, and in `seen` what it received (`SubscriberSeen`, harness/event-stream.ts). A
 * stream that ends before the drain is `info` and is opened again, as a browser's EventSource does.
 */
export interface SubscribeStep {
  kind: 'subscribe';
  label: string;
  op: string;
  path: string;
  perWorker: number;
  workers: number;
  awaits: string;
  /**
   * Requests sent the moment each subscriber's stream is open, `count` at once over keep-alive
   * connections opened before the first subscriber (so that they never shift the round-robin): a
   * post right behind a subscriber's headers shows a stream that was announced before it was
   * subscribed.
   */
  afterOpen?: { count: number; request: (seq: number) => RequestSpec };
}
export type Step = LoadStep | FreshStep | OutsideStep | PauseStep | SubscribeStep;

export interface ScenarioParams {
  workers: number;
  hosts: number;
  /** Requests of the main load (`--requests`, else the lab's default). */
  requests: number;
  connections: number;
  /** Sequential fresh-connection requests that visit every worker of every host at least twice. */
  spreadReads: number;
  dataDir: string;
}
export interface Scenario {
  steps: Step[];
}
