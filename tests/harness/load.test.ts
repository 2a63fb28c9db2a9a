// runScenario against a real HTTP server on 127.0.0.1 (no cluster): what the history records for
// each answer, how `seen` gets the headers, and what becomes of a request that gets no answer.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestSpec, Step } from '../../harness/contract.js';
import { runScenario } from '../../harness/load.js';

let server: Server;
let unfairSeen = 0;
let url: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/unfair') {
      // A server whose first three answers come from the same worker, as racing workers may.
      const worker = ++unfairSeen > 3 ? '2' : '1';
      res.writeHead(200, { 'Content-Type': 'application/json', 'x-worker-id': worker }).end('{}');
      return;
    }
    if (req.url === '/slow') {
      setTimeout(() => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}'), 40);
      return;
    }
    if (req.url === '/break') {
      req.socket.destroy(); // no answer at all: the client sees the connection close
      return;
    }
    // Mixed-case names, as many servers send them; the worker header as the harness's shell sends it.
    res.writeHead(req.url === '/refuse' ? 409 : 200, { 'Content-Type': 'application/json', 'RateLimit-Remaining': '7', 'x-worker-id': '3' });
    res.end(JSON.stringify({ path: req.url }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** The same request in a concurrent load step and in a fresh-connection step. */
const bothKinds = (request: RequestSpec): Step[] => [
  { kind: 'load', label: 'load', amount: 4, connections: 2, request: () => request },
  { kind: 'fresh', label: 'fresh', count: 2, request: () => request },
];

describe('runScenario', () => {
  it.each([
    ['two parameters', (_body: unknown, headers: Record<string, unknown>) => headers['ratelimit-remaining']],
    ['a default parameter', (_body: unknown, headers: Record<string, unknown> = {}) => headers['ratelimit-remaining']],
    ['a rest parameter', (...args: unknown[]) => (args[1] as Record<string, unknown>)['ratelimit-remaining']],
    ['Object.keys of the headers', (_body: unknown, headers: Record<string, unknown>) => Object.keys(headers).includes('ratelimit-remaining') && 'ratelimit-remaining' in headers ? '7' : 'missing'],
  ])('hands `seen` lower-case header names however it is written (%s), from both kinds of step', async (_how, seen) => {
    const run = await runScenario({ steps: bothKinds({ op: 'read', path: '/r', seen }) }, { urls: [url] });
    expect(run.history.map((op) => op.seen)).toEqual(Array(6).fill('7'));
  });

  it('records each answer: outcome by status, the worker that served it, what it saw, in invocation order', async () => {
    const run = await runScenario({ steps: bothKinds({ op: 'read', path: '/r', seen: (body: { path?: string }) => body.path }) }, { urls: [url] });
    expect(run.history).toHaveLength(6);
    for (const op of run.history) {
      expect(op).toMatchObject({ op: 'read', status: 200, outcome: 'ok', worker: '3', seen: '/r' });
      expect(op.complete!).toBeGreaterThanOrEqual(op.invoke);
    }
    expect(run.history.map((op) => op.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(run.steps.map((s) => [s.label, s.requests])).toEqual([['load', 4], ['fresh', 2]]);
  });

  it('a fresh step `together` sends each group at once, and a group only once the one before was answered', async () => {
    const run = await runScenario({ steps: [{ kind: 'fresh', label: 'groups', count: 7, together: 3, request: () => ({ op: 'read', path: '/slow' }) }] }, { urls: [url] });
    const groups = [run.history.slice(0, 3), run.history.slice(3, 6), run.history.slice(6)];
    expect(groups.map((g) => g.length)).toEqual([3, 3, 1]);
    for (const [i, group] of groups.entries()) {
      // Every request of a group was sent before any of them was answered (each takes 40 ms)...
      expect(Math.max(...group.map((op) => op.invoke))).toBeLessThan(Math.min(...group.map((op) => op.complete!)));
      // ...and none before the whole group before it was answered.
      if (i > 0) expect(Math.min(...group.map((op) => op.invoke))).toBeGreaterThanOrEqual(Math.max(...groups[i - 1]!.map((op) => op.complete!)));
    }
    expect(run.steps.map((s) => [s.label, s.requests])).toEqual([['groups', 7]]);
  });

  it('a fresh step `untilEvery` keeps sending until that many workers answered; without a worker header it stops at `count`', async () => {
    unfairSeen = 0;
    const step = { kind: 'fresh' as const, label: 'after', count: 2, untilEvery: 2, request: () => ({ op: 'read', path: '/unfair' }) };
    const run = await runScenario({ steps: [step] }, { urls: [url] });
    expect(run.history.map((op) => op.worker)).toEqual(['1', '1', '1', '2']);
    expect(run.steps.map((s) => s.requests)).toEqual([4]);
    unfairSeen = 0;
    const nameless = await runScenario({ steps: [step] }, { urls: [url], workerHeader: null });
    expect(nameless.history).toHaveLength(2);
  });

  it('a 4xx is `fail` (definitely not done), and keeps whether the scenario expected it', async () => {
    const run = await runScenario({ steps: bothKinds({ op: 'read', path: '/refuse', expectFail: true }) }, { urls: [url] });
    expect(run.history.map((op) => [op.outcome, op.status, op.expectFail])).toEqual(Array(6).fill(['fail', 409, true]));
  });

  it('a request that gets no answer is indeterminate (`info`, never completed), in both kinds of step', async () => {
    const run = await runScenario({ steps: bothKinds({ op: 'write', path: '/break' }) }, { urls: [url] });
    expect(run.history.length).toBeGreaterThanOrEqual(6);
    for (const op of run.history) {
      expect(op).toMatchObject({ outcome: 'info', complete: null, status: null, worker: null });
      expect(op.error).toBeTruthy();
    }
  });
});
