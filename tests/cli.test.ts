import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { eventually, portIsFree, takePort } from './helpers/http.js';
import { processesTagged, ROOT, runLab } from './helpers/cli.js';

/** One line on stderr, nothing on stdout, exit code 2, no stack trace. */
function expectOneLine(run: Awaited<ReturnType<typeof runLab>>, line: RegExp): void {
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  const lines = run.stderr.trim().split('\n');
  expect(lines[0]).toMatch(line);
  expect(run.stderr).not.toMatch(/^\s+at /m);
}

describe('npm run lab: bad input gets one line and exit code 2', () => {
  it.each([
    [['per-worker-counter', '--workers', 'abc'], /^lab: --workers must be a positive whole number, not "abc"$/],
    [['per-worker-counter', '--workers', '0'], /^lab: --workers must be a positive whole number, not "0"$/],
    [['per-worker-counter', '--workers', '-1'], /^lab: --workers must be a positive whole number, not "-1"$/],
    [['per-worker-counter', '--workers', '10000'], /^lab: --workers must be at most 32 \(got 10,000\)$/],
    [['per-worker-counter', '--requests', '0'], /^lab: --requests must be a positive whole number, not "0"$/],
    [['per-worker-counter', '--requests', '2.5'], /^lab: --requests must be a positive whole number, not "2.5"$/],
    [['per-worker-counter', '--frobnicate'], /^lab: unknown option --frobnicate/],
    [['per-worker-counter', '--variant', 'nope'], /^lab: lab per-worker-counter has no variant "nope" \(it has buggy, naive, fixed\)$/],
    [['per-worker-counter', '4'], /^lab: unexpected argument "4" after the lab name\. npm keeps flags/],
    [['per-worker-counter', '--variant', ','], /^lab: --variant needs at least one variant name$/],
    [['per-worker-counter', '--store-latency', 'abc'], /^lab: --store-latency must be MIN-MAX in milliseconds \(like 0-50\), one number, or none; not "abc"$/],
    [['per-worker-counter', '--store-latency', '50-10'], /^lab: --store-latency 50-10: the maximum \(10\) is below the minimum \(50\)$/],
    [['per-worker-counter', '--store-latency', '-5'], /^lab: --store-latency must be MIN-MAX in milliseconds \(like 0-50\), one number, or none; not "-5"$/],
    [['per-worker-counter', '--mutants', '--variant', 'nope'], /^lab: lab per-worker-counter has no mutant "nope" \(it has [a-z-, ]+\)$/],
  ])('%j', async (args, line) => {
    expectOneLine(await runLab(args), line);
  });

  it('names an unknown lab, suggests the nearest one, and lists the labs', async () => {
    const run = await runLab(['per-worker-countr']);
    expectOneLine(run, /^lab: unknown lab "per-worker-countr"; did you mean per-worker-counter\?$/);
    expect(run.stderr).toContain('per-worker-counter  A counter');
  });

  it('says how to pass flags when npm took one for itself', async () => {
    const run = await runLab(['per-worker-counter', '4'], { env: { npm_config_workers: 'true' } });
    expectOneLine(run, /^lab: npm took --workers for itself\. .*npm run lab -- <lab> --workers 4/);
  });

  it('notices npm eating a flag with a hyphen (npm_config_kill_worker), which would otherwise run without the fault', async () => {
    const run = await runLab(['per-worker-counter'], { env: { npm_config_kill_worker: 'true' } });
    expectOneLine(run, /^lab: npm took --kill-worker for itself\. /);
  });

  it('refuses a taken port in one line and leaves nothing running', async () => {
    const taken = await takePort();
    try {
      const run = await runLab(['per-worker-counter', '--variant', 'buggy', '--workers', '2', '--port', String(taken.port)]);
      expectOneLine(run, new RegExp(`^lab: port ${taken.port} is already taken$`));
      expect(processesTagged(run.tag)).toEqual([]);
    } finally {
      await taken.release();
    }
  });
});

describe('npm run lab: listing and help', () => {
  it('lists the labs with one line each and exits 0', async () => {
    // A progress of its own (none): the developer's own fixes would mark labs done in the listing.
    const state = await mkdtemp(join(tmpdir(), 'worker-state-lab-cli-state-'));
    const run = await runLab([], { env: { WORKER_STATE_LAB_STATE: state } }).finally(() => rm(state, { recursive: true, force: true }));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ {2}per-worker-counter {2}A counter in a module-level variable/m);
  });

  it('prints usage for --help', async () => {
    const run = await runLab(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--workers N');
    expect(run.stdout).toContain('Exit codes: 0');
  });
});

describe('npm run lab <lab> --json (the contract CI reads)', () => {
  it('prints one JSON object with every cell, exits 0, and leaves no process and a free port', async () => {
    const probe = await takePort();
    await probe.release();
    // The catalog test runs the lab's full-size matrix; here the CLI and its contract, on a smaller load.
    const run = await runLab(['per-worker-counter', '--json', '--requests', '600', '--port', String(probe.port)]);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({ lab: 'per-worker-counter', matches: true });
    const cell = (variant: string, workers: number) => result.cells.find((c: any) => c.variant === variant && c.workers === workers);
    expect(result.cells).toHaveLength(8); // 6, and the latency cells of naive and fixed
    for (const c of result.cells) {
      expect(Object.keys(c)).toEqual(expect.arrayContaining(['variant', 'workers', 'store', 'hosts', 'verdict', 'anomalies', 'expected', 'requests', 'acknowledged', 'counts', 'spread', 'examples']));
      expect(c.hosts).toBe(1);
      expect(Object.keys(c.spread)).toHaveLength(c.workers);
      expect(c.verdict).toBe(c.expected);
    }
    expect(cell('buggy', 1)).toMatchObject({ verdict: 'ok', store: 'none', counts: { lost: 0, acknowledged: 600 } });
    expect(cell('buggy', 4).verdict).toBe('lost');
    expect(cell('buggy', 4).counts.lost).toBeGreaterThan(0);
    expect(cell('buggy', 4).examples[0]).toMatch(/^read on worker \d saw [\d,]+ after 600 increments were acknowledged$/);
    expect(cell('naive', 4)).toMatchObject({ verdict: 'lost', store: 'primary' });
    expect(cell('naive', 1).verdict).toBe('lost');
    expect(cell('fixed', 1)).toMatchObject({ verdict: 'ok', counts: { lost: 0, lowestRead: 600, highestRead: 600 } });
    expect(cell('fixed', 4)).toMatchObject({ verdict: 'ok', counts: { lost: 0, lowestRead: 600, highestRead: 600 } });
    expect(processesTagged(run.tag)).toEqual([]);
    expect(await portIsFree(probe.port)).toBe(true);
  });
});

describe('npm run lab (the README command: compiled, then run)', () => {
  it('builds the JavaScript and runs a lab from it', async () => {
    const { stdout } = await promisify(execFile)('npm', ['run', '-s', 'lab', '--', 'per-worker-counter', '--variant', 'buggy', '--json'], { cwd: ROOT, env: { ...process.env, FORCE_COLOR: '0' } });
    const result = JSON.parse(stdout);
    expect(result.matches).toBe(true);
    expect(result.cells.map((c: any) => `${c.variant}@${c.workers}=${c.verdict}`)).toEqual(['buggy@1=ok', 'buggy@4=lost']);
  });
});

describe('Ctrl-C during a run', () => {
  it('stops every process of the run within 3 s and exits 130', async () => {
    let pid = 0;
    let tag = '';
    const running = runLab(['per-worker-counter', '--requests', '500000', '--variant', 'fixed', '--workers', '2'], {
      groupLeader: true,
      started: (p, t) => { pid = p; tag = t; },
    });
    // Interrupt once the CLI, the primary and the worker of the first cell (fixed@1) run, as a terminal
    // does: SIGINT to the whole foreground process group.
    expect(await eventually(() => processesTagged(tag).length >= 3, 20_000)).toBe(true);
    await new Promise((r) => setTimeout(r, 300)); // well into the load
    process.kill(-pid, 'SIGINT');
    const interruptedAt = Date.now();
    const run = await running;
    expect(run.code).toBe(130);
    expect(run.stderr).toContain('interrupted: stopping every worker (and redis-server) this run started');
    expect(await eventually(() => processesTagged(tag).length === 0, 3000)).toBe(true);
    expect(Date.now() - interruptedAt).toBeLessThan(3000);
  });
});
