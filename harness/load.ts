// Drives a scenario against running hosts and returns the history: one record per operation.
// Concurrent load goes through autocannon's programmatic API with an exact request count; reads that
// must reach every worker go one by one on fresh connections. Measuring only emits: whoever wants a
// progress bar listens to `onLoad` (display stays out of measuring, as in autocannon itself).
// Subscribers (a `subscribe` step, subscribers.ts) stay open until the last step has run, are then
// drained into the history and closed, on every path.
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import type { FreshStep, LoadStep, OutsideStep, RequestSpec, Scenario, Step, SubscribeStep } from './contract.js';
import { HarnessError } from './errors.js';
import { freshRequest, REQUEST_TIMEOUT_S } from './fresh-request.js';
import type { Op } from './history.js';
import { jsonHeaders, Recorder } from './recorder.js';
import { Subscribers } from './subscribers.js';

export interface LoadHooks {
  /** A concurrent load step started; `instance` can be given to `autocannon.track` for a progress bar. */
  onLoad?: (instance: autocannon.Instance, step: LoadStep) => void;
  onStep?: (step: Step) => void;
}

export interface StepTiming { label: string; kind: Step['kind']; ms: number; requests: number }
export interface ScenarioRun { history: Op[]; steps: StepTiming[] }

/** Where the scenario runs: the hosts' URLs, and what the harness may do to them. */
export interface Target {
  urls: string[];
  /** Waits until every worker slot listens again (after a fault), before reads that must reach every worker. */
  allListening?: () => Promise<void>;
  /** A fault to inject halfway through the first concurrent load step. */
  midLoad?: () => void;
  /** Aborted when the run cannot go on (a host died): the current step ends at once, no further step runs. */
  signal?: AbortSignal;
  /** The response header naming the worker, when not the shell's `x-worker-id` (a command variant); null: none. */
  workerHeader?: string | null;
}

/** Time limits that keep a load test bounded in time as well as in requests. */
const LOAD_STEP_LIMIT_MS = 120_000;

/** What one connection's current request is: autocannon keeps a `context` per connection for us. */
interface AttemptContext { op?: Op; spec?: RequestSpec }

function runLoad(step: LoadStep, urls: string[], rec: Recorder, hooks: LoadHooks, halfway?: () => void, signal?: AbortSignal): Promise<number> {
  let seq = 0;
  const amount = step.amount;
  // Requests sent and not answered yet. Whatever is still here when the load ends never got an answer
  // (its connection broke, or it timed out): indeterminate, Jepsen's `info`.
  const inFlight = new Set<Op>();
  const options: autocannon.Options = {
    // Several hosts: autocannon takes a list of URLs (documented) and spreads the connections over
    // them in turn; @types/autocannon only knows the single-URL form.
    url: urls.length === 1 ? urls[0]! : (urls as unknown as string),
    connections: Math.max(1, Math.min(step.connections, amount)),
    amount,
    timeout: REQUEST_TIMEOUT_S,
    // autocannon notices the end of an `amount` run only at its next sample: sample often.
    sampleInt: 20,
    // One request template, rebuilt for every request: autocannon calls setupRequest just before
    // it writes the request, and onResponse when its answer is complete (same per-connection context).
    requests: [{
      setupRequest: (req, context) => {
        if (seq === Math.floor(amount / 2)) halfway?.();
        const spec = step.request(seq++);
        const op = rec.invoke(spec);
        inFlight.add(op);
        Object.assign(context, { spec, op } satisfies AttemptContext);
        return {
          ...req,
          method: spec.method ?? 'GET',
          path: spec.path,
          headers: jsonHeaders(spec),
          body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
        };
      },
      onResponse: (status, body, context, headers) => {
        const { op, spec } = context as AttemptContext;
        if (!op || !spec || !inFlight.delete(op)) return;
        rec.answer(op, spec, status, body, headers ?? {});
      },
    }],
  };
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (err) => {
      clearTimeout(limit);
      signal?.removeEventListener('abort', stop);
      for (const op of inFlight) rec.noAnswer(op, 'no answer: the connection broke or the request timed out', false);
      if (err) reject(err);
      else resolve(seq);
    });
    const stop = (): void => instance.stop();
    const limit = setTimeout(stop, LOAD_STEP_LIMIT_MS);
    signal?.addEventListener('abort', stop, { once: true });
    hooks.onLoad?.(instance, step);
  });
}

/** With `untilEvery`, a fresh step sends at most this many times its `count`. */
const UNTIL_EVERY_AT_MOST = 5;

async function runFresh(step: FreshStep, urls: string[], rec: Recorder, signal?: AbortSignal): Promise<number> {
  const together = step.together ?? 1;
  if (!Number.isInteger(together) || together < 1) throw new HarnessError(`the fresh step "${step.label}" sends its requests together in groups of a whole number ≥ 1, not ${together}`);
  // With untilEvery: more requests while fewer workers than that have answered (by the worker header).
  const workers = new Set<string>();
  const most = step.untilEvery ? step.count * UNTIL_EVERY_AT_MOST : step.count;
  let sent = 0;
  // (Answers that name no worker, a server without the header, stop it at `count`.)
  while (sent < most && !signal?.aborted && (sent < step.count || (workers.size > 0 && (step.untilEvery ?? 0) > workers.size))) {
    // A group at a time, so that each group begins with every worker free: each host's round-robin
    // then hands its connections to its workers in turn, one each while the group is no larger.
    const group = Array.from({ length: Math.min(together, Math.max(step.count, sent + 1) - sent) }, (_, i) => sent + i);
    const ops = await Promise.all(group.map((seq) => freshRequest(urls[seq % urls.length]!, step.request(seq), rec)));
    for (const op of ops) if (op.worker !== null) workers.add(op.worker);
    sent += group.length;
  }
  return sent;
}

async function runOutside(step: OutsideStep, rec: Recorder): Promise<number> {
  const op = rec.invoke({ op: step.op, value: step.value });
  await step.run();
  op.complete = rec.now();
  op.outcome = 'ok';
  op.outside = true;
  return 1;
}

export async function runScenario(scenario: Scenario, target: Target, hooks: LoadHooks = {}): Promise<ScenarioRun> {
  const rec = new Recorder(target.workerHeader === undefined ? undefined : target.workerHeader?.toLowerCase() ?? null);
  const steps: StepTiming[] = [];
  const { urls } = target;
  let fault = target.midLoad;
  const subscribers: Subscribers[] = [];
  const subscribe = (step: SubscribeStep): Promise<number> => {
    const group = new Subscribers(step, rec, target);
    subscribers.push(group);
    return group.open(urls);
  };
  try {
    for (const step of scenario.steps) {
      if (target.signal?.aborted) break;
      hooks.onStep?.(step);
      const halfway = step.kind === 'load' ? fault : undefined;
      if (halfway) fault = undefined; // one fault per run, in the first load step
      if (step.kind === 'fresh' || step.kind === 'subscribe') await target.allListening?.();
      // A subscriber whose worker died is subscribed again before the next step begins.
      for (const group of subscribers) await group.reopened();
      const started = performance.now();
      const requests = step.kind === 'load' ? await runLoad(step, urls, rec, hooks, halfway, target.signal)
        : step.kind === 'fresh' ? await runFresh(step, urls, rec, target.signal)
          : step.kind === 'outside' ? await runOutside(step, rec)
            : step.kind === 'subscribe' ? await subscribe(step)
              : await new Promise<number>((resolve) => setTimeout(() => resolve(0), step.ms));
      steps.push({ label: step.label, kind: step.kind, ms: performance.now() - started, requests });
    }
    for (const group of subscribers) {
      if (target.signal?.aborted) break;
      const started = performance.now();
      await group.drain(rec.ops);
      steps.push({ label: `${group.step.label}: drain`, kind: 'subscribe', ms: performance.now() - started, requests: 0 });
    }
  } finally {
    await Promise.all(subscribers.map((group) => group.close()));
  }
  return { history: rec.ops.sort((a, b) => a.invoke - b.invoke || a.index - b.index), steps };
}
