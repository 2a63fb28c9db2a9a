// No process outlives the command that started it: after a run that matches, one that does not,
// a worker that crashes mid-run, and a primary SIGKILLed mid-run (Ctrl-C: tests/cli.test.ts).
import { describe, expect, it } from 'vitest';
import { eventually, fresh, portIsFree, takePort } from './helpers/http.js';
import { processesTagged, runLab, withCommand } from './helpers/cli.js';
import { skipWithoutRedis, withRedis } from './helpers/redis.js';

async function freePort(): Promise<number> {
  const probe = await takePort();
  await probe.release();
  return probe.port;
}

/** Resolves once the counter on `port` has counted past 100: the load is running. */
async function underLoad(port: number): Promise<boolean> {
  let count = 0;
  const poll = async () => {
    count = await fresh(`http://127.0.0.1:${port}/count`).then((a) => Number(a.body.count ?? 0), () => 0);
  };
  const end = Date.now() + 20_000;
  while (Date.now() < end && count <= 100) await poll().then(() => new Promise((r) => setTimeout(r, 50)));
  return count > 100;
}

describe('process hygiene', () => {
  it('after a run that does not match: exit 1, nothing left, port free', async () => {
    const port = await freePort();
    // One increment cannot race with anything: the naive variant looks correct, against its expectation.
    const run = await runLab(['per-worker-counter', '--variant', 'naive', '--requests', '1', '--workers', '2', '--port', String(port), '--json']);
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout);
    expect(result.matches).toBe(false);
    expect(result.cells.find((c: any) => c.workers === 1)).toMatchObject({ verdict: 'ok', expected: 'lost', matches: false });
    expect(processesTagged(run.tag)).toEqual([]);
    expect(await portIsFree(port)).toBe(true);
  });

  it('after a worker crashes mid-run: it is replaced, the run completes, nothing left', async () => {
    let tag = '';
    const port = await freePort();
    // One cell: the crash is the fault here (without --store-latency none a latency cell of 15,000 requests follows).
    const running = runLab(['per-worker-counter', '--variant', 'fixed', '--workers', '1', '--requests', '15000', '--store-latency', 'none', '--port', String(port), '--json'], { started: (_p, t) => { tag = t; } });
    expect(await underLoad(port)).toBe(true);
    const [worker] = withCommand(processesTagged(tag), 'cluster-worker');
    process.kill(worker!, 'SIGKILL');
    const run = await running;
    expect(run.code).toBe(0);
    const [cell] = JSON.parse(run.stdout).cells;
    expect(cell).toMatchObject({ verdict: 'ok', exits: { crashed: 1 } });
    expect(cell.counts.lost).toBe(0);
    expect(processesTagged(run.tag)).toEqual([]);
  });

  it('after its primary is SIGKILLed mid-run: one line, exit 2, everything gone within 3 s', async () => {
    let tag = '';
    const port = await freePort();
    const running = runLab(['per-worker-counter', '--variant', 'fixed', '--workers', '2', '--requests', '15000', '--port', String(port)], { started: (_p, t) => { tag = t; } });
    expect(await underLoad(port)).toBe(true);
    const [primary] = withCommand(processesTagged(tag), 'cluster-primary');
    process.kill(primary!, 'SIGKILL');
    const killedAt = Date.now();
    const run = await running;
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toMatch(/^lab: host 1 stopped during the run: /);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(await eventually(() => processesTagged(tag).length === 0, 3000)).toBe(true);
    expect(Date.now() - killedAt).toBeLessThan(3000);
  });

  /** Starts a run, SIGKILLs the command itself under load (no cleanup code of it runs), and checks nothing stays. */
  async function killTheCommand(store: string[], hasRedis: boolean): Promise<void> {
    let pid = 0;
    let tag = '';
    const port = await freePort();
    const running = runLab(['per-worker-counter', '--variant', 'fixed', '--workers', '2', '--requests', '15000', '--port', String(port), ...store], { started: (p, t) => { pid = p; tag = t; } });
    expect(await underLoad(port)).toBe(true);
    expect(withCommand(processesTagged(tag), 'redis-server').length > 0).toBe(hasRedis);
    process.kill(pid, 'SIGKILL');
    await running;
    // The primaries notice that their parent is gone (IPC disconnect), the redis watchdog that its pipe closed.
    expect(await eventually(() => processesTagged(tag).length === 0, 3000)).toBe(true);
    expect(await portIsFree(port)).toBe(true);
  }

  it('after the command itself is SIGKILLed mid-run: everything gone within 3 s', () => killTheCommand(['--store', 'primary'], false));

  it.skipIf(skipWithoutRedis)(withRedis('after the command is SIGKILLed mid-run, the redis-server it started is gone too'), () => killTheCommand(['--store', 'redis'], true));
});
