// A variant can be a command that starts a server of its own (harness/command-host.ts). Here an
// existing Express lab, per-worker-counter, runs as a command: a node:cluster script written outside
// the harness (tests/fixtures/express-cluster-server.ts) serves the very same variant files. It must
// get the verdicts its factory variants get, leave no process behind, and be judged without a worker
// header too.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startCommand } from '../../harness/command-host.js';
import type { CommandSpec, Lab } from '../../harness/contract.js';
import { HarnessError } from '../../harness/errors.js';
import { procStat, stopGroup, WATCHDOG } from '../../harness/process-group.js';
import { planCells, runMatrix } from '../../harness/run.js';
import { runtimeExecArgv } from '../../harness/runtime.js';
import { summarize } from '../../harness/summary.js';
import perWorkerCounter from '../../labs/per-worker-counter/index.js';
import retainedMemory from '../../labs/retained-memory/index.js';
import { op } from '../helpers/history.js';
import { processesTagged } from '../helpers/cli.js';
import { eventually } from '../helpers/http.js';
import { skipWithoutRedis, withRedis } from '../helpers/redis.js';

const SERVER = fileURLToPath(new URL('../fixtures/express-cluster-server.ts', import.meta.url));

function asCommand(source: string, { header = true, env = {} }: { header?: boolean; env?: Record<string, string> } = {}): CommandSpec {
  return {
    source,
    argv: [process.execPath, ...runtimeExecArgv(), SERVER, '{file}', '{port}', '{workers}', '{maxRequests}'],
    env: { REDIS_URL: '{redisUrl}', REDIS_PREFIX: '{redisPrefix}', ...env },
    ready: { workerLine: '^worker (\\d+) listening$' },
    ...(header && { workerHeader: 'x-served-by' }),
  };
}

/** The lab with every variant served by the node:cluster script (its variant files unchanged). */
const commandLab = (lab: Lab, options?: Parameters<typeof asCommand>[1]): Lab => ({
  ...lab,
  variants: Object.fromEntries(Object.entries(lab.variants).map(([name, spec]) => [name, { ...spec, command: asCommand(`${name}.ts`, options) }])),
});

/** Runs `run` with a tag in the environment that every process it starts inherits; then nothing may carry it. */
async function leavesNothing<T>(run: () => Promise<T>): Promise<T> {
  const tag = randomUUID();
  process.env.WSL_TEST_TAG = tag;
  try {
    return await run();
  } finally {
    delete process.env.WSL_TEST_TAG;
    expect(processesTagged(tag)).toEqual([]);
  }
}

/** A port on which connections are accepted and never answered (or, for a worker line, just accepted). */
async function silentPort<T>(use: (port: number) => Promise<T>): Promise<T> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => { sockets.add(socket); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    return await use((server.address() as AddressInfo).port);
  } finally {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  }
}

const verdicts = (cells: Array<{ variant: string; workers: number; store: string; verdict: string }>): string[] =>
  cells.map((c) => `${c.variant}@${c.workers} ${c.store}: ${c.verdict}`);

describe('command variants', () => {
  it.skipIf(skipWithoutRedis)(withRedis('per-worker-counter as a node:cluster command gets the verdicts of its factory variants'), { timeout: 180_000 }, async () => {
    const options = { workers: 4, stores: ['redis' as const], storeLatency: null };
    const factory = await runMatrix(perWorkerCounter, options);
    const command = await leavesNothing(() => runMatrix(commandLab(perWorkerCounter), options, { picture: true }));
    expect(verdicts(command.cells)).toEqual(verdicts(factory.cells));
    expect(verdicts(command.cells)).toEqual(['buggy@1 none: ok', 'buggy@4 none: lost', 'naive@1 redis: lost', 'naive@4 redis: lost', 'fixed@1 redis: ok', 'fixed@4 redis: ok']);
    expect(command.matches).toBe(true);
    for (const cell of command.cells) {
      // Worker ids are the server's own PIDs; node:cluster's round-robin reaches every worker.
      expect(Object.keys(cell.spread), `${cell.variant}@${cell.workers}`).toHaveLength(cell.workers);
      for (const id of Object.keys(cell.spread)) expect(id).toMatch(/^\d+$/);
      expect(cell.indeterminate).toBe(0);
      // The last step's fresh reads visit every worker in turn: nothing of the harness's own (a readiness
      // probe before the step) may take a connection and shift node:cluster's round-robin (it did, 6 runs in 25).
      const lastReads = cell.picture!.ops.slice(-cell.workers);
      expect(new Set(lastReads.map((o) => o.worker)).size, `${cell.variant}@${cell.workers}`).toBe(cell.workers);
    }
  });

  it('--restart-every and --kill-worker reach a command: buggy restarts from 0 (lost), workers are replaced, nothing is left', { timeout: 120_000 }, async () => {
    const lab = commandLab(perWorkerCounter);
    const restart = await leavesNothing(() => runMatrix(lab, { workers: 2, variants: ['buggy'], restartEvery: 100 }));
    expect(restart.cells.map((c) => [c.workers, c.verdict, c.fault])).toEqual([[1, 'lost', 'restart'], [2, 'lost', 'restart']]);
    // At least one: a replacement of this script loads tsx (~1.5 s), longer than the whole load takes.
    expect(restart.cells[0]!.exits.retired).toBeGreaterThanOrEqual(1);
    const kill = await leavesNothing(() => runMatrix(lab, { workers: 2, variants: ['buggy'], killWorker: true }));
    expect(kill.cells.map((c) => [c.workers, c.verdict, c.exits.killed])).toEqual([[1, 'lost', 1], [2, 'lost', 1]]);
  });

  it('without a worker header: spread says "unknown", the counter checker still judges', { timeout: 60_000 }, async () => {
    const result = await leavesNothing(() => runMatrix(commandLab(perWorkerCounter, { header: false }), { workers: 2, variants: ['buggy'] }));
    const cell = result.cells.find((c) => c.workers === 2)!;
    expect(Object.keys(cell.spread)).toEqual(['unknown']);
    expect(cell.spread.unknown).toBe(cell.requests);
    expect(cell.verdict).toBe('lost');
    expect(cell.examples[0]).toMatch(/^read on worker unknown saw \d+ after 400 increments were acknowledged$/);
  });

  it('a command with a store runs against Redis only: --store primary and --store-latency are refused in one line, no latency cell', () => {
    const lab = commandLab(perWorkerCounter);
    expect(planCells(lab, { workers: 4 }).map((c) => `${c.variant}@${c.workers} ${c.store} ${c.latency}`)).toEqual([
      'buggy@1 none none', 'buggy@4 none none', 'naive@1 redis none', 'naive@4 redis none', 'fixed@1 redis none', 'fixed@4 redis none',
    ]);
    expect(() => planCells(lab, { workers: 4, stores: ['primary'] })).toThrow(/^--store primary cannot reach variant naive of per-worker-counter: it is a command, a server of its own/);
    expect(() => planCells(lab, { workers: 4, storeLatency: { min: 0, max: 50 } })).toThrow(/^--store-latency cannot reach variant naive/);
    // A variant without a store is not concerned.
    expect(planCells(lab, { workers: 2, variants: ['buggy'], stores: ['primary'] })).toHaveLength(2);
  });

  it('a checker that needs workers, on answers that name none: "unknown", saying why, never a crash', () => {
    // Heap probes as a foreign server without a worker header would answer them: no worker named.
    const history = Array.from({ length: 40 }, (_, i) => op('heap', i, i + 1, { worker: null, seen: { served: i * 100, heapUsed: 1e6 + i * 1e6 } }));
    const result = summarize(retainedMemory, { variant: 'buggy', workers: 2, hosts: 1, store: 'none', fault: 'none', latency: 'none' }, { history, steps: [], exits: [], startMs: 0, stopMs: 0, totalMs: 0 });
    expect(result.verdict).toBe('unknown');
    expect(result.examples[0]).toMatch(/^no warm worker served/);
    expect(result.spread).toEqual({ unknown: 40 });
  });

  it('a server whose requirement is missing: the one line that says what to install, nothing started', async () => {
    const spec: CommandSpec = { ...asCommand('buggy.ts'), requires: { argv: ['/nonexistent/python3', '-c', 'pass'], missing: 'this lab needs python3: apt-get install python3' } };
    const start = startCommand({ spec, variantModule: perWorkerCounter.variantModule('buggy'), labDir: perWorkerCounter.folder, workers: 1, hosts: 1, dataDir: '/tmp' });
    await expect(start).rejects.toThrow(new HarnessError('this lab needs python3: apt-get install python3'));
  });

  it('a server that exits during start-up: one line with its last words, nothing left', async () => {
    const spec: CommandSpec = { ...asCommand('buggy.ts'), argv: ['/bin/sh', '-c', 'echo "no such app: $0" >&2; exit 3', '{name}'] };
    const start = leavesNothing(() => startCommand({ spec, variantModule: perWorkerCounter.variantModule('buggy'), labDir: perWorkerCounter.folder, workers: 1, hosts: 1, dataDir: '/tmp' }));
    await expect(start).rejects.toThrow(/^host 1 exited during start-up \(exit code 3\): no such app: buggy$/);
  });

  it('a server that accepts but never answers its ready path: the start-up gives up within readyTimeoutMs, one line, nothing left', { timeout: 15_000 }, async () => {
    const spec: CommandSpec = { source: 'buggy.ts', argv: ['/bin/sleep', '60'], ready: { path: '/' } };
    const at = Date.now();
    const start = silentPort((port) => leavesNothing(() =>
      startCommand({ spec, variantModule: perWorkerCounter.variantModule('buggy'), labDir: perWorkerCounter.folder, workers: 1, hosts: 1, dataDir: '/tmp', port, readyTimeoutMs: 1500 })));
    await expect(start).rejects.toThrow(/^host 1 did not get 1 workers listening within 1\.5 s$/);
    // The deadline, one probe's bound past it at most, and the stop.
    expect(Date.now() - at).toBeLessThan(5000);
  });

  it('allListening waiting for a worker when stop() begins: it rejects in one line instead of hanging', { timeout: 15_000 }, async () => {
    // A "master" (sleep) with one "worker" (its child sleep) that is never replaced once killed.
    const spec: CommandSpec = { source: 'buggy.ts', argv: ['/bin/sh', '-c', 'sleep 60 & echo "worker $! listening"; exec sleep 60'], ready: { workerLine: '^worker (\\d+) listening$' } };
    await silentPort((port) => leavesNothing(async () => {
      const cluster = await startCommand({ spec, variantModule: perWorkerCounter.variantModule('buggy'), labDir: perWorkerCounter.folder, workers: 1, hosts: 1, dataDir: '/tmp', port });
      const worker = cluster.hosts[0]!.workers[0]!.pid;
      cluster.killWorker();
      expect(await eventually(() => procStat(worker) === undefined)).toBe(true);
      const waiting = cluster.allListening();
      const stopped = cluster.stop();
      await expect(waiting).rejects.toThrow(new HarnessError('host 1 was stopped'));
      await stopped;
    }));
  });

  it('the watchdog outlives the group SIGTERM: if we die during the grace time it still ends a server that ignores SIGTERM; after a stop it is gone at once', { timeout: 20_000 }, async () => {
    const start = (argv: string[]) => spawn('/bin/sh', ['-c', WATCHDOG, 'wsl-command', ...argv], { stdio: ['pipe', 'ignore', 'ignore'], detached: true });
    await leavesNothing(async () => {
      // A server that ignores SIGTERM: only the watchdog's SIGKILL can end it once we are gone.
      const stubborn = start(['/bin/sh', '-c', 'trap "" TERM; while :; do sleep 0.05; done']);
      const group = stubborn.pid!;
      try {
        expect(await eventually(() => processesTagged(process.env.WSL_TEST_TAG!).length >= 3)).toBe(true);
        process.kill(-group, 'SIGTERM'); // what stopGroup sends first
        await new Promise((r) => setTimeout(r, 300));
        stubborn.stdin!.destroy(); // as if this process died during stopGroup's grace time
        expect(await eventually(() => processesTagged(process.env.WSL_TEST_TAG!).length === 0, 4000)).toBe(true);
      } finally {
        try { process.kill(-group, 'SIGKILL'); } catch { /* gone, as it should be */ }
      }
      // A server that leaves on SIGTERM: the watchdog leaves with it, the stop does not wait out the grace time.
      const polite = start(['/bin/sleep', '60']);
      // Once the server runs (exec'd: its SIGTERM back to the default), as after a command's readiness;
      // a SIGTERM that comes before that finds it still ignoring and is left to the SIGKILL after the grace.
      const serverRuns = (): boolean => processesTagged(process.env.WSL_TEST_TAG!)
        .some((pid) => { try { return readFileSync(`/proc/${pid}/cmdline`, 'latin1').startsWith('/bin/sleep'); } catch { return false; } });
      expect(await eventually(() => processesTagged(process.env.WSL_TEST_TAG!).length >= 3 && serverRuns())).toBe(true);
      const at = Date.now();
      await stopGroup(polite.pid!);
      expect(Date.now() - at).toBeLessThan(2000);
      polite.stdin!.destroy();
    });
  });
});
