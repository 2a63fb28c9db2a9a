// Shared state beyond one machine: the `redis` store, a private redis-server started by the harness,
// and several hosts (each its own cluster primary and `primary` store) as if on separate machines.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { runMatrix } from '../harness/run.js';
import { catalog } from '../labs/index.js';
import { processesTagged, runLab } from './helpers/cli.js';
import { skipWithoutRedis, withRedis } from './helpers/redis.js';

const lab = (name: string) => catalog.find((l) => l.name === name)!;
const verdictsOf = (cells: Array<{ variant: string; workers: number; hosts: number; store: string; verdict: string }>) =>
  Object.fromEntries(cells.map((c) => [`${c.variant}@${c.hosts > 1 ? `${c.hosts}x` : ''}${c.workers} ${c.store}`, c.verdict]));

describe.skipIf(skipWithoutRedis)('the redis store', () => {
  it(withRedis('per-worker-counter --store redis: fixed ok, buggy lost; the private redis-server is gone afterwards'), async () => {
    const run = await runLab(['per-worker-counter', '--store', 'redis', '--variant', 'buggy,fixed', '--requests', '800', '--json']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(verdictsOf(result.cells)).toEqual({ 'buggy@1 none': 'ok', 'buggy@4 none': 'lost', 'fixed@1 redis': 'ok', 'fixed@4 redis': 'ok' });
    expect(result.cells.find((c: any) => c.variant === 'fixed' && c.workers === 4).counts).toMatchObject({ lost: 0, lowestRead: 800 });
    // redis-server, its watchdog, primaries and workers all carry the run's tag.
    expect(processesTagged(run.tag)).toEqual([]);
  });

  it(withRedis('--hosts 2: the primary store (one per machine) loses writes, Redis does not (per-worker-counter, via the CLI)'), async () => {
    const run = await runLab(['per-worker-counter', '--hosts', '2', '--variant', 'fixed', '--requests', '800', '--json']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(verdictsOf(result.cells)).toEqual({
      'fixed@2x1 primary': 'lost', 'fixed@2x1 redis': 'ok', 'fixed@2x4 primary': 'lost', 'fixed@2x4 redis': 'ok',
    });
    for (const cell of result.cells) {
      expect(cell.hosts).toBe(2);
      // Load and reads reached every worker of both hosts.
      expect(Object.keys(cell.spread)).toHaveLength(2 * cell.workers);
      expect(Object.keys(cell.spread).every((w: string) => /^h[12]\.w\d+$/.test(w))).toBe(true);
    }
    expect(result.matches).toBe(true);
    expect(processesTagged(run.tag)).toEqual([]);
  });

  it(withRedis('--hosts 2: the same for global-list'), async () => {
    const result = await runMatrix(lab('global-list'), { workers: 2, hosts: 2, variants: ['fixed'], requests: 480 });
    expect(verdictsOf(result.cells)).toEqual({
      'fixed@2x1 primary': 'lost', 'fixed@2x1 redis': 'ok', 'fixed@2x2 primary': 'lost', 'fixed@2x2 redis': 'ok',
    });
    expect(result.matches).toBe(true);
  });
});

describe('bad Redis input: one line, exit code 2, nothing left', () => {
  it('an unreachable REDIS_URL, in under 5 s', async () => {
    const started = Date.now();
    const run = await runLab(['per-worker-counter', '--store', 'redis'], { env: { REDIS_URL: 'redis://127.0.0.1:1' } });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe('lab: cannot reach Redis at redis://127.0.0.1:1: connection refused');
    expect(run.stdout).toBe('');
    expect(processesTagged(run.tag)).toEqual([]);
  });

  it('redis-server not installed: says how to install it', async () => {
    const emptyPath = await mkdtemp(`${tmpdir()}/wsl-no-redis-`);
    const run = await runLab(['per-worker-counter', '--store', 'redis', '--variant', 'fixed'], { env: { PATH: emptyPath } });
    await rm(emptyPath, { recursive: true });
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe('lab: redis-server is not installed: on Debian/Ubuntu run "sudo apt-get install redis-server" (or give --redis-url / REDIS_URL)');
    expect(processesTagged(run.tag)).toEqual([]);
  });

  it('an unknown store', async () => {
    const run = await runLab(['per-worker-counter', '--store', 'memcached']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe('lab: --store must be primary or redis (or both, comma-separated), not "memcached"');
  });
});
