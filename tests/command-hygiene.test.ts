// A command variant leaves nothing behind either (tests/hygiene.test.ts for cluster variants): the lab
// gunicorn-counter run through the CLI, after each fault and on several hosts, after a run that does
// not match, on Ctrl-C, when the CLI is SIGKILLed, and when gunicorn's master is SIGKILLed.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import catalogLab from '../labs/gunicorn-counter/index.js';
import { processesTagged, runLab, withCommand } from './helpers/cli.js';
import { eventually, fresh, takePort } from './helpers/http.js';
import { skipLab, unlessMissing } from './helpers/python.js';

const skip = skipLab(catalogLab);
const name = (text: string): string => unlessMissing(catalogLab, text);

async function freePort(): Promise<number> {
  const probe = await takePort();
  await probe.release();
  return probe.port;
}

/** Resolves once a read on `port` sees a count past 100: the load is running. */
async function underLoad(port: number): Promise<boolean> {
  const end = Date.now() + 20_000;
  while (Date.now() < end) {
    if ((await fresh(`http://127.0.0.1:${port}/count`).then((a) => Number(a.body.count ?? 0), () => 0)) > 100) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

/** The Python processes of gunicorn (master and workers), not the watchdog shell that started them. */
const gunicorns = (pids: number[]): number[] => withCommand(pids, 'gunicorn').filter((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith('/usr/bin/python3'));

/** gunicorn's master: the gunicorn process whose parent is the harness's watchdog shell. */
const master = (pids: number[]): number | undefined => gunicorns(pids).find((pid) => {
  const ppid = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[1];
  return readFileSync(`/proc/${ppid}/cmdline`, 'utf8').startsWith('/bin/sh');
});

describe.skipIf(skip)('command variants leave nothing running', () => {
  it.each([[['--restart-every', '100']], [['--kill-worker']], [['--hosts', '2']]])(name('after %j: matches, nothing left'), { timeout: 120_000 }, async (args) => {
    const run = await runLab(['gunicorn-counter', '--variant', 'buggy,fixed', '--workers', '2', '--json', ...args]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.cells.map((c: any) => `${c.variant}@${c.hosts}x${c.workers} ${c.verdict}`)).toEqual(
      args[0] === '--hosts' ? ['buggy@2x1 lost', 'buggy@2x2 lost', 'fixed@2x1 ok', 'fixed@2x2 ok'] : ['buggy@1x1 lost', 'buggy@1x2 lost', 'fixed@1x1 ok', 'fixed@1x2 ok']);
    if (args[0] === '--kill-worker') for (const c of result.cells) expect(c.exits.killed).toBe(1);
    if (args[0] === '--restart-every') for (const c of result.cells) expect(c.exits.retired).toBeGreaterThan(0);
    expect(processesTagged(run.tag)).toEqual([]);
  });

  it(name('after a run that does not match: exit 1, nothing left'), { timeout: 60_000 }, async () => {
    // One increment cannot race with anything: naive@2 looks correct, against its expectation.
    const run = await runLab(['gunicorn-counter', '--variant', 'naive', '--requests', '1', '--workers', '2', '--json']);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).cells.map((c: any) => [c.verdict, c.expected])).toEqual([['ok', 'ok'], ['ok', 'lost']]);
    expect(processesTagged(run.tag)).toEqual([]);
  });

  it(name('on Ctrl-C mid-load: exit 130, everything gone within 3 s'), { timeout: 60_000 }, async () => {
    let pid = 0;
    let tag = '';
    const port = await freePort();
    const running = runLab(['gunicorn-counter', '--variant', 'buggy', '--workers', '1', '--requests', '100000', '--port', String(port)], { groupLeader: true, started: (p, t) => { pid = p; tag = t; } });
    expect(await underLoad(port)).toBe(true);
    process.kill(-pid, 'SIGINT');
    const at = Date.now();
    const run = await running;
    expect(run.code).toBe(130);
    expect(await eventually(() => processesTagged(tag).length === 0, 3000)).toBe(true);
    expect(Date.now() - at).toBeLessThan(3000);
  });

  it(name('when the CLI itself is SIGKILLed mid-load: the watchdog ends the group within 3 s'), { timeout: 60_000 }, async () => {
    let pid = 0;
    let tag = '';
    const port = await freePort();
    const running = runLab(['gunicorn-counter', '--variant', 'buggy', '--workers', '2', '--requests', '100000', '--port', String(port)], { started: (p, t) => { pid = p; tag = t; } });
    expect(await underLoad(port)).toBe(true);
    // The first cell (buggy@1): gunicorn's master and its worker (the watchdog's shells name gunicorn in their arguments too).
    expect(gunicorns(processesTagged(tag))).toHaveLength(2);
    process.kill(pid, 'SIGKILL');
    await running;
    expect(await eventually(() => processesTagged(tag).length === 0, 3000)).toBe(true);
  });

  it(name('when gunicorn\'s master is SIGKILLed mid-run: one line, exit 2, nothing left'), { timeout: 60_000 }, async () => {
    let tag = '';
    const port = await freePort();
    const running = runLab(['gunicorn-counter', '--variant', 'buggy', '--workers', '2', '--requests', '100000', '--port', String(port)], { started: (_p, t) => { tag = t; } });
    expect(await underLoad(port)).toBe(true);
    process.kill(master(processesTagged(tag))!, 'SIGKILL');
    const run = await running;
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toMatch(/^lab: host 1 stopped during the run \(exit code \d+\)/);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(await eventually(() => processesTagged(tag).length === 0, 3000)).toBe(true);
  });
});
