// A variant's part in its host's primary (harness/primary-part.ts): questions answered by the host's
// own primary, failures said in one line, and the harness's IPC next to a library's own (prom-client's
// AggregatorRegistry) on the same cluster channel, each ignoring the other's messages.
import type { Worker } from 'node:cluster';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startCluster, type RunningCluster } from '../../harness/cluster.js';
import { PrimaryPartHost, primaryAsker } from '../../harness/primary-part.js';
import { fresh } from '../helpers/http.js';

const withPart = new URL('../fixtures/primary-part-probe.ts', import.meta.url).href;
const withoutPart = new URL('../fixtures/no-primary-part.ts', import.meta.url).href;
const dataDir = await mkdtemp(join(tmpdir(), 'worker-state-lab-primary-part-test-'));
afterAll(() => rm(dataDir, { recursive: true, force: true }));

let running: RunningCluster | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

/** prom-client 15's own cluster messages (lib/cluster.js), as they cross the channel. */
const PROM_REQUEST = { type: 'prom-client:getMetricsReq', requestId: 7 };
const PROM_RESPONSE = { type: 'prom-client:getMetricsRes', requestId: 7, metrics: [] };

describe('the messages of a primary part', () => {
  it('are told apart from prom-client\'s and the store\'s: neither side takes the other\'s', () => {
    const sent: unknown[] = [];
    const worker = { isConnected: () => true, send: (m: unknown) => { sent.push(m); return true; } } as unknown as Worker;
    const host = new PrimaryPartHost({ host: 1, hosts: 1, workers: 1, variantModule: 'file:///nowhere.js', dataDir, store: 'none', port: 0 });
    for (const message of [PROM_REQUEST, PROM_RESPONSE, { wsl: 'store', id: 1, op: 'get', args: ['k'] }, { wsl: 'worker:retire' }, 'text', null]) {
      expect(host.handle(worker, message), JSON.stringify(message)).toBe(false);
    }
    expect(sent).toEqual([]);
    // The worker's side ignores them too, and a question still gets its own answer.
    let deliver: (m: unknown) => void = () => {};
    const ask = primaryAsker((m) => sent.push(m), (listener) => { deliver = listener; });
    const answer = ask('q');
    for (const message of [PROM_REQUEST, { wsl: 'store:reply', id: 1, ok: true, value: 'x' }]) deliver(message);
    const question = sent[0] as { wsl: string; id: number; question: unknown };
    expect(question).toMatchObject({ wsl: 'primary:ask', question: 'q' });
    deliver({ wsl: 'primary:answer', id: question.id, ok: true, value: 'a' });
    return expect(answer).resolves.toBe('a');
  });
});

describe('a primary part in a real cluster', () => {
  it("answers from the host's own primary, next to prom-client's aggregation and the primary store", async () => {
    running = await startCluster({ variantModule: withPart, workers: 3, hosts: 1, store: 'primary', dataDir });
    const [host] = running.hosts;
    for (let i = 0; i < 30; i++) expect((await fresh(`${host!.url}/hit`, { method: 'POST' })).status).toBe(200);
    // Every worker asks the primary, which asks every worker over prom-client's messages: 30 hits
    // in the aggregate, as in the store, whichever worker answers the scrape.
    const scrapes = await Promise.all([0, 1, 2].map(() => fresh(`${host!.url}/aggregate`)));
    expect(new Set(scrapes.map((s) => s.headers['x-worker-id']))).toEqual(new Set(['1', '2', '3']));
    for (const s of scrapes) expect(s.body).toEqual({ total: 30, stored: 30 });
    expect((await fresh(`${host!.url}/ask/echo`)).body).toEqual({ answer: { host: 1, hosts: 1, pid: host!.pid, value: 42 } });
    expect((await fresh(`${host!.url}/ask/throw`)).body).toEqual({ error: 'primary: the part refused' });
  });

  it('rejects, in one line, a question from a variant that exports no primary part', async () => {
    running = await startCluster({ variantModule: withoutPart, workers: 1, hosts: 1, store: 'none', dataDir });
    const { body } = await fresh(`${running.hosts[0]!.url}/ask`);
    expect(body).toEqual({ error: 'primary: tests/fixtures/no-primary-part.ts exports no `primary` (definePrimaryPart), so there is nobody to ask' });
  });
});
