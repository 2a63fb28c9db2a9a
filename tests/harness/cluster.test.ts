import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startCluster, type RunningCluster } from '../../harness/cluster.js';
import { HarnessError } from '../../harness/errors.js';
import { runScenario } from '../../harness/load.js';
import { eventually, fresh, isAlive, portIsFree, takePort } from '../helpers/http.js';

const probe = new URL('../fixtures/probe.ts', import.meta.url).href;
const broken = new URL('../fixtures/broken.ts', import.meta.url).href;
const dataDir = await mkdtemp(join(tmpdir(), 'worker-state-lab-cluster-test-'));
afterAll(() => rm(dataDir, { recursive: true, force: true }));
const start = (over: Partial<Parameters<typeof startCluster>[0]> = {}) =>
  startCluster({ variantModule: probe, workers: 3, hosts: 1, store: 'primary', dataDir, ...over });

let running: RunningCluster | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

describe('startCluster', () => {
  it('starts N workers on 127.0.0.1, names the serving worker in a header, and round-robins fresh connections', async () => {
    running = await start();
    const [host] = running.hosts;
    expect(running.hosts).toHaveLength(1);
    expect(host!.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host!.workers.map((w) => w.id).sort()).toEqual(['1', '2', '3']);
    const answers = await Promise.all([0, 1, 2, 3, 4, 5].map(() => fresh(`${host!.url}/whoami`)));
    for (const a of answers) expect(a.headers['x-worker-id']).toBe(a.body.workerId);
    expect(new Set(answers.map((a) => a.body.workerId))).toEqual(new Set(['1', '2', '3']));
    expect(new Set(answers.map((a) => a.body.pid))).toEqual(new Set(host!.workers.map((w) => w.pid)));
  });

  it('a fresh step in groups of N (`together`) reaches each of the N workers once per group', async () => {
    running = await start({ workers: 4 });
    const urls = running.hosts.map((h) => h.url);
    // Twice over: the second time right after a concurrent load, as in a scenario.
    for (const before of [[], [{ kind: 'load' as const, label: 'load', amount: 40, connections: 6, request: () => ({ op: 'read', path: '/whoami' }) }]]) {
      const run = await runScenario({ steps: [...before, { kind: 'fresh', label: 'groups', count: 20, together: 4, request: () => ({ op: 'read', path: '/whoami' }) }] }, { urls });
      const reads = run.history.slice(-20);
      for (let g = 0; g < 20; g += 4) expect(reads.slice(g, g + 4).map((op) => op.worker).sort(), `group ${g / 4 + 1}`).toEqual(['1', '2', '3', '4']);
    }
  });

  it('groups of workers x hosts (`together`) reach every worker of both hosts once, also after a killed worker was replaced', async () => {
    running = await start({ workers: 2, hosts: 2 });
    const urls = running.hosts.map((h) => h.url);
    const groups = async (): Promise<string[][]> => {
      const run = await runScenario({ steps: [{ kind: 'fresh', label: 'groups', count: 12, together: 4, request: () => ({ op: 'read', path: '/whoami' }) }] }, { urls });
      return [0, 4, 8].map((g) => run.history.slice(g, g + 4).map((op) => op.worker!).sort());
    };
    for (const group of await groups()) expect(group).toEqual(['h1.w1', 'h1.w2', 'h2.w1', 'h2.w2']);
    running.killWorker();
    // Host 1's killed worker is replaced (worker 3 there) before the groups go out again.
    expect(await eventually(() => running!.exits.length === 1)).toBe(true);
    await running.allListening();
    const after = await groups();
    expect(after.flat().some((id) => id === 'h1.w3')).toBe(true);
    for (const group of after) {
      expect(new Set(group).size, group.join(' ')).toBe(4);
      expect(group.filter((id) => id.startsWith('h1.')), group.join(' ')).toHaveLength(2);
    }
  });

  it('leaves no worker or primary running and frees the port after stop', async () => {
    running = await start();
    const [host] = running.hosts;
    const pids = [host!.pid, ...host!.workers.map((w) => w.pid)];
    expect(pids.every(isAlive)).toBe(true);
    await running.stop();
    running = undefined;
    expect(pids.filter(isAlive)).toEqual([]);
    expect(await portIsFree(host!.port)).toBe(true);
  });

  it('ends the workers by themselves when their primary is SIGKILLed', async () => {
    running = await start();
    const [host] = running.hosts;
    process.kill(host!.pid, 'SIGKILL');
    expect(await eventually(() => host!.workers.every((w) => !isAlive(w.pid)), 3000)).toBe(true);
  });

  it('replaces a worker that dies while serving, on the same port, and keeps serving', async () => {
    running = await start({ workers: 2 });
    const [host] = running.hosts;
    await fresh(`${host!.url}/crash`, { method: 'POST' }).catch(() => undefined);
    expect(await eventually(() => running!.exits.length === 1)).toBe(true);
    expect(running.exits[0]).toMatchObject({ code: 7, reason: 'crashed' });
    await running.allListening();
    const answers = await Promise.all([0, 1, 2, 3].map(() => fresh(`${host!.url}/whoami`)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(new Set(answers.map((a) => a.body.workerId)).size).toBe(2);
    expect(answers.map((a) => a.body.workerId)).toContain('3'); // the replacement
  });

  it('brings a killed single worker back on the same port (the fault --kill-worker)', async () => {
    running = await start({ workers: 1 });
    const url = running.urls[0]!;
    running.killWorker();
    expect(await eventually(() => running!.exits.length === 1)).toBe(true);
    expect(running.exits[0]).toMatchObject({ reason: 'killed', signal: 'SIGKILL' });
    await running.allListening();
    expect((await fresh(`${url}/whoami`)).body.workerId).toBe('2');
  });

  it('retires each worker after its share of requests and replaces it without going dark (--restart-every)', async () => {
    running = await start({ workers: 1, restartEvery: 3 });
    const url = running.urls[0]!;
    const seen: string[] = [];
    for (let i = 0; i < 6; i++) seen.push((await fresh(`${url}/whoami`)).body.workerId);
    await running.allListening();
    seen.push((await fresh(`${url}/whoami`)).body.workerId);
    // Worker 1 serves its three, the spare built in advance takes over (within a request or two:
    // the hand-over is a few IPC messages), and worker 1 is gone.
    expect(seen.slice(0, 3)).toEqual(['1', '1', '1']);
    expect(seen.at(-1)).not.toBe('1');
    expect(running.exits[0]).toMatchObject({ id: '1', reason: 'retired' });
  });

  it('fails with one clear line when the port is taken, and leaves nothing behind', async () => {
    const taken = await takePort();
    try {
      const error = await start({ port: taken.port }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HarnessError);
      expect((error as Error).message).toBe(`port ${taken.port} is already taken`);
    } finally {
      await taken.release();
    }
  });

  it('fails with the reason when the app cannot be built', async () => {
    const error = await start({ variantModule: broken, workers: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HarnessError);
    expect((error as Error).message).toContain('boom while building the app');
  });
});

describe('the app shell around every lab', () => {
  it('answers bad input with 4xx and keeps serving', async () => {
    running = await start({ workers: 1 });
    const url = running.urls[0]!;
    const json = { 'content-type': 'application/json' };
    const malformed = await fresh(`${url}/echo`, { method: 'POST', body: '{"text": ', headers: json });
    expect(malformed.status).toBe(400);
    expect(typeof malformed.body.error).toBe('string');
    const tooBig = await fresh(`${url}/echo`, { method: 'POST', body: JSON.stringify({ text: 'x'.repeat(5000) }), headers: json });
    expect(tooBig.status).toBe(413);
    const missing = await fresh(`${url}/echo`, { method: 'POST', body: '{}', headers: json });
    expect(missing.status).toBe(400);
    const wrongMethod = await fresh(`${url}/echo`);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.allow).toBe('POST');
    const nowhere = await fresh(`${url}/nowhere`);
    expect(nowhere.status).toBe(404);
    expect((await fresh(`${url}/echo`, { method: 'POST', body: '{"text":"still here"}', headers: json })).body).toEqual({ text: 'still here' });
  });

  it("offers the harness's heap probe: retained heap after a forced GC, and requests served", async () => {
    running = await start({ workers: 1 });
    const url = running.urls[0]!;
    await fresh(`${url}/whoami`);
    await fresh(`${url}/whoami`);
    const probe = await fresh(`${url}/__harness/heap`);
    expect(probe.status).toBe(200);
    expect(probe.body).toMatchObject({ workerId: '1', served: 2 });
    expect(probe.body.heapUsed).toBeGreaterThan(1_000_000);
    expect((await fresh(`${url}/__harness/heap`)).body.served).toBe(2); // probes do not count
  });

  it('keeps the primary store answering after malformed IPC messages', async () => {
    running = await start({ workers: 2 });
    const url = running.urls[0]!;
    const first = await fresh(`${url}/garbage-ipc`, { method: 'POST' });
    const second = await fresh(`${url}/incr`, { method: 'POST' });
    expect([first.status, second.status]).toEqual([200, 200]);
    expect([first.body.count, second.body.count]).toEqual([1, 2]);
    expect(running.exits).toEqual([]);
  });
});
