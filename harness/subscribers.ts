// The `subscribe` step: long-lived Server-Sent Events subscribers spread over every worker, held
// open while the rest of the scenario runs, then drained and closed. Each connection is one history
// op whose `seen` says when it was open and which messages it received; the checker judges that.
// Nothing outlives the scenario: every connection is destroyed at the end, on failure and on abort.
import { Agent, request as httpRequest, type ClientRequest } from 'node:http';
import type { SubscribeStep } from './contract.js';
import { parseEvents, type SubscriberSeen } from './event-stream.js';
import { freshRequest } from './fresh-request.js';
import type { History, Op } from './history.js';
import type { Recorder } from './recorder.js';

const OPEN_TIMEOUT_MS = 3000;
/**
 * A broken stream is opened again, as EventSource does, once every worker slot listens again (so that
 * the attempt is not refused while a replacement starts): at most MAX_REOPENS times per subscriber,
 * and a refused attempt again after RETRY_MS, at most RETRIES times.
 */
const MAX_REOPENS = 3;
const RETRY_MS = 100;
const RETRIES = 5;
/**
 * The drain ends once every open subscriber has all it awaits (plus SETTLE_MS for stray extra copies).
 * While something is still owed it waits on as long as messages keep arriving: it gives up only after
 * OWED_QUIET_MS without any message at all (on a busy 2-core box delivery through a store may pause for
 * a few hundred ms; a whole second with nothing moving means what is owed is not coming), or at DRAIN_LIMIT_MS.
 */
const SETTLE_MS = 100;
const OWED_QUIET_MS = 1000;
const DRAIN_LIMIT_MS = 3000;
const POLL_MS = 10;
/** A stream that sends this much without an event boundary is not an event stream. */
const MAX_BUFFER = 1 << 20;

interface Subscriber { op: Op; url: string; req: ClientRequest; closed: Promise<void>; reopens: number; closing: boolean }

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class Subscribers {
  readonly #all: Subscriber[] = [];
  readonly #reopening = new Set<Promise<unknown>>();
  #draining = false;
  #lastMessage = 0;

  readonly #aborted: Promise<void>;
  /** Destroys every connection on abort; removed by close(), so that a long-lived signal does not collect one per group. */
  readonly #onAbort: () => void;

  constructor(readonly step: SubscribeStep, private readonly rec: Recorder, private readonly target: { signal?: AbortSignal; allListening?: () => Promise<void> }) {
    let resolveAborted!: () => void;
    this.#aborted = new Promise((resolve) => { resolveAborted = resolve; });
    this.#onAbort = () => {
      for (const s of this.#all) s.req.destroy();
      resolveAborted();
    };
    target.signal?.addEventListener('abort', this.#onAbort, { once: true });
  }

  get #stopped(): boolean { return this.#draining || (this.target.signal?.aborted ?? false); }

  /** Resolves when every broken stream has been opened again (or gave up), or at once on abort: what the next step may rely on. */
  reopened(): Promise<void> {
    return Promise.race([Promise.all(this.#reopening).then(() => undefined), this.#aborted]);
  }

  /** Opens subscribers one by one (so that each host's round-robin hands them to its workers in turn) until every worker holds `perWorker`; returns how many were opened. */
  async open(urls: string[]): Promise<number> {
    const { perWorker, workers, afterOpen } = this.step;
    const held = new Map<string, number>();
    // Without a worker header (a command variant may send none) the spread cannot be checked: round-robin gives it.
    const covered = (opened: number): boolean => this.rec.workerHeader === null
      ? opened >= perWorker * workers
      : held.size >= workers && [...held.values()].every((c) => c >= perWorker);
    const agent = afterOpen && new Agent({ keepAlive: true, maxSockets: afterOpen.count });
    let seq = 0;
    const send = (): Promise<unknown> => Promise.all(Array.from({ length: afterOpen!.count }, () => freshRequest(urls[0]!, afterOpen!.request(seq++), this.rec, agent)));
    let opened = 0;
    try {
      // The agent's connections are made first: those made later would take turns from the subscribers.
      if (agent) await send();
      // Round-robin gives perWorker x workers exactly; a few more tries absorb a worker that was busy being replaced.
      for (let i = 0; i < 3 * perWorker * workers && !covered(opened) && !this.target.signal?.aborted; i++) {
        const sub = await this.#connect(urls[i % urls.length]!, 0);
        opened++;
        if (sub.op.worker !== null && sub.op.seen) held.set(sub.op.worker, (held.get(sub.op.worker) ?? 0) + 1);
        // Awaited: each subscriber's requests leave at once, never queued behind the previous one's.
        if (agent && sub.op.seen) await send();
      }
    } finally {
      agent?.destroy();
    }
    return opened;
  }

  /** One subscriber; resolves when its stream is open (its headers arrived) or it failed to open. */
  #connect(url: string, reopens: number): Promise<Subscriber> {
    const op = this.rec.invoke({ op: this.step.op, value: `s${this.#all.length + 1}` });
    return new Promise((resolve) => {
      const req = httpRequest(new URL(this.step.path, url), { agent: false, headers: { accept: 'text/event-stream' } });
      const sub: Subscriber = { op, url, req, reopens, closing: false, closed: new Promise((done) => req.once('close', done)) };
      this.#all.push(sub);
      const timer = setTimeout(() => req.destroy(new Error(`no answer within ${OPEN_TIMEOUT_MS / 1000} s`)), OPEN_TIMEOUT_MS);
      req.on('error', (err: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        if (op.status === null) this.rec.noAnswer(op, err.code ?? err.message, err.code === 'ECONNREFUSED');
        resolve(sub);
      });
      req.on('response', (res) => {
        clearTimeout(timer);
        const status = res.statusCode ?? 0;
        if (status < 200 || status >= 300) {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', () => undefined);
          res.on('close', () => this.rec.answer(op, { op: op.op, path: this.step.path }, status, Buffer.concat(chunks).toString(), res.headers));
          resolve(sub);
          return;
        }
        const seen: SubscriberSeen = { opened: this.rec.now(), messages: [] };
        const worker = this.rec.workerHeader === null ? undefined : res.headers[this.rec.workerHeader];
        Object.assign(op, { status, worker: worker === undefined ? null : String(worker), seen });
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          const { events, rest } = parseEvents(buffer + chunk);
          buffer = rest;
          if (events.length > 0) this.#lastMessage = this.rec.now();
          seen.messages.push(...events);
          if (buffer.length > MAX_BUFFER) res.destroy(new Error('no event boundary in 1 MB: not an event stream'));
        });
        res.on('error', () => undefined); // a broken stream is recorded on 'close'
        res.on('close', () => { if (!sub.closing) this.#broken(sub, seen); });
        resolve(sub);
      });
      req.end();
    });
  }

  /** The stream ended before the drain: indeterminate from then on; opened again, as EventSource would. */
  #broken(sub: Subscriber, seen: SubscriberSeen): void {
    seen.ended = this.rec.now();
    sub.op.error = 'the stream ended before the drain';
    if (this.#stopped || sub.reopens >= MAX_REOPENS) return;
    const reopen = this.#reopen(sub.url, sub.reopens + 1).catch(() => undefined); // a cluster that cannot recover fails the run elsewhere
    this.#reopening.add(reopen);
    void reopen.finally(() => this.#reopening.delete(reopen));
  }

  async #reopen(url: string, reopens: number): Promise<void> {
    await this.target.allListening?.();
    for (let attempt = 0; attempt < RETRIES && !this.#stopped; attempt++) {
      // Checked and connected in one go: nothing opens after close() has begun.
      if ((await this.#connect(url, reopens)).op.seen) return;
      await sleep(RETRY_MS);
    }
  }

  /** Has every open subscriber received (at least as many copies of) every acknowledged `awaits` value begun after it opened? */
  #allArrived(history: History): boolean {
    const posts = history.filter((op) => op.op === this.step.awaits && op.outcome === 'ok');
    return this.#all.every(({ op }) => {
      const seen = op.seen as SubscriberSeen | undefined;
      if (!seen || seen.ended !== undefined) return true;
      const owed = new Map<string, number>();
      for (const p of posts) if (p.invoke >= seen.opened) owed.set(String(p.value), (owed.get(String(p.value)) ?? 0) + 1);
      for (const m of seen.messages) owed.set(m, (owed.get(m) ?? 0) - 1);
      return [...owed.values()].every((left) => left <= 0);
    });
  }

  /** Waits until every message is in, or nothing more comes; no stream is opened again from here on. */
  async drain(history: History): Promise<void> {
    await this.reopened();
    this.#draining = true;
    const started = this.rec.now();
    while (!this.target.signal?.aborted && this.rec.now() - started < DRAIN_LIMIT_MS) {
      if (this.#allArrived(history)) {
        await sleep(SETTLE_MS); // a copy too many arrives right behind the last one
        return;
      }
      if (this.rec.now() - Math.max(this.#lastMessage, started) >= OWED_QUIET_MS) return;
      await sleep(POLL_MS);
    }
  }

  /** Closes every connection (an open stream ends here as `ok`) and waits until each is gone. */
  async close(): Promise<void> {
    this.#draining = true; // a reopen still waiting for the workers will not connect now
    this.target.signal?.removeEventListener('abort', this.#onAbort);
    for (const sub of this.#all) {
      const seen = sub.op.seen as SubscriberSeen | undefined;
      if (seen && seen.ended === undefined && !sub.closing) {
        sub.op.outcome = 'ok';
        sub.op.complete = this.rec.now();
      }
      sub.closing = true;
      sub.req.destroy();
    }
    await Promise.all(this.#all.map((s) => s.closed));
  }
}
