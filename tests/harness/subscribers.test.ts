// The `subscribe` step against a real HTTP server on 127.0.0.1 (no cluster): an event-stream server
// that names a "worker" per connection in turn, as round-robin would. What each subscriber records,
// the requests sent right behind each one, the drain, a broken stream opened again, and that no
// connection is left open afterwards, also when the run is aborted.
import { getEventListeners } from 'node:events';
import { createServer, type ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RequestSpec, Step, SubscribeStep } from '../../harness/contract.js';
import { isSubscriberSeen } from '../../harness/event-stream.js';
import { runScenario } from '../../harness/load.js';

let server: Server;
let url: string;
let connections = 0;
const streams = new Set<ServerResponse>();
let breakNext = false;
const SLOW_MS = 600;

const openConnections = (): Promise<number> => new Promise((resolve) => server.getConnections((_err, count) => resolve(count)));

beforeAll(async () => {
  server = createServer((req, res) => {
    const worker = String((connections++ % 2) + 1); // two "workers", in turn per connection
    if (req.url === '/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'x-worker-id': worker });
      res.write(': hello\n\n');
      if (breakNext) {
        breakNext = false;
        setTimeout(() => res.destroy(), 30); // this worker dies a moment later
        return;
      }
      streams.add(res);
      res.on('close', () => streams.delete(res));
      return;
    }
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString(); });
    req.on('end', () => {
      const { text } = JSON.parse(body) as { text: string };
      // "slow-": delivered SLOW_MS after the answer, as through a busy store; "drop-": never delivered.
      const listening = [...streams];
      const deliver = (): void => { for (const s of listening) if (!s.destroyed) s.write(`data: ${text}\n\n`); };
      if (text.startsWith('slow-')) setTimeout(deliver, SLOW_MS);
      else if (!text.startsWith('drop-')) deliver();
      res.writeHead(201, { 'content-type': 'application/json', 'x-worker-id': worker }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => { connections = 0; });

const post = (text: string): RequestSpec => ({ op: 'post', value: text, method: 'POST', path: '/messages', body: { text } });
const subscribe = (fields: Partial<SubscribeStep> = {}): SubscribeStep =>
  ({ kind: 'subscribe', label: 'subscribers', op: 'subscribe', path: '/events', perWorker: 2, workers: 2, awaits: 'post', ...fields });
const posts = (amount: number): Step => ({ kind: 'fresh', label: 'posts', count: amount, request: (seq) => post(`m${seq}`) });

describe('the subscribe step', () => {
  it('holds perWorker streams on every worker, records what each received, and leaves no connection open', async () => {
    const run = await runScenario({ steps: [subscribe(), posts(3)] }, { urls: [url] });
    const subs = run.history.filter((op) => op.op === 'subscribe');
    expect(subs.map((op) => op.worker).sort()).toEqual(['1', '1', '2', '2']);
    for (const op of subs) {
      expect(op).toMatchObject({ outcome: 'ok', status: 200 });
      expect(isSubscriberSeen(op.seen) && op.seen.messages).toEqual(['m0', 'm1', 'm2']);
      expect(op.complete!).toBeGreaterThan((op.seen as { opened: number }).opened);
    }
    expect(run.steps.map((s) => [s.kind, s.label, s.requests])).toEqual([['subscribe', 'subscribers', 4], ['fresh', 'posts', 3], ['subscribe', 'subscribers: drain', 0]]);
    // Everything arrived: the drain ends at once (plus its 100 ms settle), never waiting out its 1 s quiet time.
    expect(run.steps[2]!.ms).toBeLessThan(300);
    expect(await openConnections()).toBe(0);
  });

  it('sends afterOpen requests right behind each stream, on connections that do not shift the round-robin', async () => {
    const run = await runScenario({ steps: [subscribe({ afterOpen: { count: 2, request: (seq) => post(`hi-${seq}`) } })] }, { urls: [url] });
    const subs = run.history.filter((op) => op.op === 'subscribe');
    expect(subs.map((op) => op.worker)).toHaveLength(4);
    expect(new Set(subs.map((op) => op.worker))).toEqual(new Set(['1', '2']));
    // Two greetings before the first stream (to open the agent's connections), then two behind each of the four.
    expect(run.history.filter((op) => op.op === 'post' && op.outcome === 'ok')).toHaveLength(2 + 4 * 2);
    const last = subs.at(-1)!.seen as { messages: string[] };
    expect(last.messages).toEqual(['hi-8', 'hi-9']);
    expect(await openConnections()).toBe(0);
  });

  it('records a stream that breaks as indeterminate with its end, and opens it again', async () => {
    breakNext = true;
    const run = await runScenario({ steps: [subscribe({ perWorker: 1 }), { kind: 'pause', label: 'wait', ms: 300 }, posts(1)] }, { urls: [url] });
    const subs = run.history.filter((op) => op.op === 'subscribe');
    const broken = subs.filter((op) => op.outcome === 'info');
    expect(broken).toHaveLength(1);
    expect(broken[0]!.error).toBe('the stream ended before the drain');
    expect((broken[0]!.seen as { ended?: number }).ended).toBeGreaterThan(0);
    // Its replacement and the other stream got the post made after it reopened.
    const ok = subs.filter((op) => op.outcome === 'ok');
    expect(ok.length).toBeGreaterThanOrEqual(2);
    for (const op of ok) expect((op.seen as { messages: string[] }).messages).toContain('m0');
    expect(await openConnections()).toBe(0);
  });

  it('waits for what is owed while it is slow to come, and gives up after a second in which nothing arrives', async () => {
    const slow = await runScenario({ steps: [subscribe({ perWorker: 1 }), { kind: 'fresh', label: 'posts', count: 1, request: () => post('slow-0') }] }, { urls: [url] });
    for (const op of slow.history.filter((o) => o.op === 'subscribe')) expect((op.seen as { messages: string[] }).messages).toEqual(['slow-0']);
    expect(slow.steps.at(-1)!.ms).toBeGreaterThanOrEqual(SLOW_MS - 50);
    const never = await runScenario({ steps: [subscribe({ perWorker: 1 }), { kind: 'fresh', label: 'posts', count: 1, request: () => post('drop-0') }] }, { urls: [url] });
    for (const op of never.history.filter((o) => o.op === 'subscribe')) expect((op.seen as { messages: string[] }).messages).toEqual([]);
    // Its 1 s quiet time, not its 3 s limit.
    expect(never.steps.at(-1)!.ms).toBeGreaterThanOrEqual(1000);
    expect(never.steps.at(-1)!.ms).toBeLessThan(2500);
    expect(await openConnections()).toBe(0);
  });

  it('leaves no abort listener behind on the run\'s signal (one subscriber group, one load step)', async () => {
    const abort = new AbortController();
    const load: Step = { kind: 'load', label: 'load', amount: 4, connections: 2, request: (seq) => post(`l${seq}`) };
    const run = await runScenario({ steps: [subscribe({ perWorker: 1 }), load] }, { urls: [url], signal: abort.signal });
    expect(run.steps.map((s) => s.requests)).toEqual([2, 4, 0]);
    expect(getEventListeners(abort.signal, 'abort')).toHaveLength(0);
  });

  it('on abort ends at once and closes every stream', async () => {
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 100);
    const started = Date.now();
    await runScenario({ steps: [subscribe(), { kind: 'pause', label: 'long', ms: 200 }, posts(1)] }, { urls: [url], signal: abort.signal });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await openConnections()).toBe(0);
  });
});
