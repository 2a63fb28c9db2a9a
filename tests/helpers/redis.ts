// For tests that need a real redis-server: whether to skip them, and which processes a server left.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { findRedisServer } from '../../harness/redis-server.js';
import { isAlive } from './http.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURE = fileURLToPath(new URL('../fixtures/redis-child.ts', import.meta.url));

/**
 * Without redis-server, a developer's run skips these tests (and says why); CI never does: there
 * they run, and fail on the harness's "redis-server is not installed" line.
 */
export const skipWithoutRedis = findRedisServer() === null && process.env.CI !== 'true';
export const withRedis = (name: string): string =>
  skipWithoutRedis ? `${name} (skipped: redis-server is not installed; apt-get install redis-server)` : name;

/** Live processes whose command line names this port: a redis-server ("… 127.0.0.1:P") and its watchdog ("--port P"). */
export function processesOnPort(port: number): number[] {
  const word = new RegExp(`(^|[ :])${port}( |$)`);
  return readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number).filter((pid) => {
    try {
      return pid !== process.pid && word.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim()) && isAlive(pid);
    } catch {
      return false;
    }
  });
}

export interface RedisChild { child: ChildProcess; lines: AsyncIterator<string>; exitedAt: Promise<number>; stderr: () => string }

/** Runs tests/fixtures/redis-child.ts in a node process of its own; `lines` are what it prints. */
export function redisChild(args: string[]): RedisChild {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c) => { stderr += c; });
  const exitedAt = new Promise<number>((resolve) => child.once('exit', () => resolve(Date.now())));
  return { child, lines: createInterface({ input: child.stdout })[Symbol.asyncIterator](), exitedAt, stderr: () => stderr };
}

/** The next line the child prints, as JSON; fails with its stderr if it ends first. */
export async function nextLine(run: RedisChild): Promise<any> {
  const { value, done } = await run.lines.next();
  if (done) throw new Error(`the child ended without a line:\n${run.stderr()}`);
  return JSON.parse(value);
}
