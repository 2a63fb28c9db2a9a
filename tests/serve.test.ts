// `npm run lab serve`: a variant kept running for a live workshop, poked at by hand with curl.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { eventually } from './helpers/http.js';
import { processesTagged, runLab } from './helpers/cli.js';

const sh = (command: string) => promisify(execFile)('sh', ['-c', command], { timeout: 20_000 });

describe('npm run lab serve', () => {
  it('prints the URL, the workers and curl commands that show the bug, answers them, and stops on Ctrl-C', async () => {
    let pid = 0;
    let tag = '';
    let output = '';
    const running = runLab(['serve', 'per-worker-counter', '--variant', 'buggy', '--workers', '2'], {
      started: (p, t) => { pid = p; tag = t; },
      onStdout: (stdout) => { output = stdout; },
    });
    expect(await eventually(() => output.includes('Ctrl-C stops it'), 20_000)).toBe(true);
    expect(output).toMatch(/^per-worker-counter · buggy \(a module-level number in each worker; store none\)$/m);
    expect(output).toMatch(/^ {2}http:\/\/127\.0\.0\.1:\d+ {2}workers 1 \(pid \d+\), 2 \(pid \d+\)$/m);
    const commands = output.split('\n').filter((l) => l.startsWith('  ') && l.includes('curl ')).map((l) => l.trim());
    expect(commands).toHaveLength(3);

    // Increments, then the count on every worker: two workers, two different counts, neither the total.
    const increments = (await sh(commands[0]!)).stdout.trim().split('\n').map((l) => JSON.parse(l).count as number);
    expect(increments).toHaveLength(20);
    const perWorker = (await sh(commands[1]!)).stdout;
    const workers = [...perWorker.matchAll(/x-worker-id: (\d+)/g)].map((m) => m[1]);
    const counts = [...perWorker.matchAll(/"count":(\d+)/g)].map((m) => Number(m[1]));
    expect(new Set(workers)).toEqual(new Set(['1', '2']));
    expect(counts.every((c) => c < 20)).toBe(true);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(40); // each worker seen twice: 2 x (its share of the 20)
    // One keep-alive connection stays on one worker: its count climbs by one each time.
    const climbing = (await sh(commands[2]!)).stdout.match(/"count":(\d+)/g)!.map((m) => Number(m.split(':')[1]));
    expect(climbing).toHaveLength(3);
    expect(climbing[1]! - climbing[0]!).toBe(1);
    expect(climbing[2]! - climbing[1]!).toBe(1);

    process.kill(pid, 'SIGINT');
    const run = await running;
    expect(run.code).toBe(0);
    expect(await eventually(() => processesTagged(tag).length === 0, 3000)).toBe(true);
  });

  it('refuses options that belong to a matrix run', async () => {
    const run = await runLab(['serve', 'per-worker-counter', '--repeat', '3']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe('lab: --repeat is for a matrix run, not for serve');
  });
});
