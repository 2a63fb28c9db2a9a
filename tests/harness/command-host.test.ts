// A variant can be a command that starts a server of its own (harness/command-host.ts). Here an
// existing Express lab, per-worker-counter, runs as a command: a node:cluster script written outside
// the harness (tests/fixtures/express-cluster-server.ts) serves the very same variant files. It must
// get the verdicts its factory variants get, leave no process behind, and be judged without a worker
// header too.
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startCommand } from '../../harness/command-host.js';
import type { CommandSpec, Lab } from '../../harness/contract.js';
import { HarnessError } from '../../harness/errors.js';
import { planCells, runMatrix } from '../../harness/run.js';
import { runtimeExecArgv } from '../../harness/runtime.js';
import { summarize } from '../../harness/summary.js';
import perWorkerCounter from '../../labs/per-worker-counter/index.js';
import retainedMemory from '../../labs/retained-memory/index.js';
import { op } from '../helpers/history.js';
import { processesTagged } from '../helpers/cli.js';
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

const verdicts = (cells: Array<{ variant: string; workers: number; store: string; verdict: string }>): string[] =>
  cells.map((c) => `${c.variant}@${c.workers} ${c.store}: ${c.verdict}`);

describe('command variants', () => {
  it.skipIf(skipWithoutRedis)(withRedis('per-worker-counter as a node:cluster command gets the verdicts of its factory variants'), { timeout: 180_000 }, async () => {
    const options = { workers: 4, stores: ['redis' as const], storeLatency: null };
    const factory = await runMatrix(perWorkerCounter, options);
    const command = await leavesNothing(() => runMatrix(commandLab(perWorkerCounter), options));
    expect(verdicts(command.cells)).toEqual(verdicts(factory.cells));
    expect(verdicts(command.cells)).toEqual(['buggy@1 none: ok', 'buggy@4 none: lost', 'naive@1 redis: lost', 'naive@4 redis: lost', 'fixed@1 redis: ok', 'fixed@4 redis: ok']);
    expect(command.matches).toBe(true);
    for (const cell of command.cells) {
      // Worker ids are the server's own PIDs; node:cluster's round-robin reaches every worker.
      expect(Object.keys(cell.spread), `${cell.variant}@${cell.workers}`).toHaveLength(cell.workers);
      for (const id of Object.keys(cell.spread)) expect(id).toMatch(/^\d+$/);
      expect(cell.indeterminate).toBe(0);
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
});
