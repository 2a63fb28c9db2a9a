// A private redis-server for one run, on a free loopback port, without persistence, that never
// outlives the process that started it: stop() ends it by PID, an exit hook ends what is left, and
// a watchdog ends it even when this process is SIGKILLed (Redis has no parent-death option).
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { HarnessError } from './errors.js';
import { signal, track } from './processes.js';
import { probeRedis, redisProcessId } from './store/redis.js';

export interface RedisServer {
  url: string;
  port: number;
  /** The redis-server's own PID. */
  pid: number;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 5000;
const STOP_GRACE_MS = 2000;
const PORT_TRIES = 3;
const NOT_INSTALLED = 'redis-server is not installed: on Debian/Ubuntu run "sudo apt-get install redis-server" (or give --redis-url / REDIS_URL)';

// The watchdog, in sh: redis-server runs in the background of a shell that waits for it, while a
// second background job reads our pipe (moved to fd 3) and kills redis-server when the pipe ends:
// when this process dies, however it dies, the kernel closes its end. The shell exits right after
// redis-server does, taking the reader with it (and waiting for it: when the shell is gone, so is the
// reader), so that nothing of ours stays behind either way.
// Until the shell has waited, redis-server's PID cannot be reused, so killing it by PID is safe.
const WATCHDOG = `exec 3<&0 </dev/null
"$@" 3<&- &
pid=$!
echo "wsl-redis-pid $pid"
{ read line <&3; kill $pid 2>/dev/null; } &
reader=$!
exec 3<&-
wait $pid
code=$?
kill $reader 2>/dev/null
wait $reader 2>/dev/null
exit $code`;
const PID_LINE = /^wsl-redis-pid (\d+)$/m;

interface Started { shell: ChildProcess; pid: number | undefined }

/** The path of `redis-server` on PATH, or null. */
export function findRedisServer(): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, 'redis-server');
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch { /* not here */ }
  }
  return null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const running = (shell: ChildProcess): boolean => shell.exitCode === null && shell.signalCode === null;

async function stopServer(started: Started): Promise<void> {
  const { shell, pid } = started;
  if (running(shell)) {
    const exited = new Promise((resolve) => shell.once('exit', resolve));
    // Without a PID yet (it is stopped while starting), closing the pipe has the watchdog kill it.
    if (pid) signal(pid, 'SIGTERM');
    else shell.stdin?.end();
    const timer = setTimeout(() => { if (pid && running(shell)) signal(pid, 'SIGKILL'); }, STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
  }
}

/** Redis's log line without its "pid:role date time level" prefix. */
const withoutLogPrefix = (line: string): string => line.replace(/^\d+:[A-Z] .*?\d\d:\d\d:\d\d\.\d+ [#*.-] /, '').trim();

type Launched = { started: Started } | { failure: string; portTaken: boolean };

/** Starts redis-server on `port` and waits until it answers PING, or says why it did not. */
async function launch(binary: string, port: number): Promise<Launched> {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--protected-mode', 'yes',
    '--save', '', '--appendonly', 'no', '--daemonize', 'no'];
  // Its working directory is the temp dir: whatever Redis might write, it is not the user's folder.
  const shell = spawn('/bin/sh', ['-c', WATCHDOG, 'redis-server', binary, ...args], { cwd: tmpdir(), stdio: ['pipe', 'pipe', 'pipe'] });
  const started: Started = { shell, pid: undefined };
  // Tracked until its watchdog shell exits; the exit hook SIGTERMs redis-server itself, by its PID.
  track(shell, { stop: () => stopServer(started), pid: () => started.pid });
  const output: string[] = [];
  const keep = (chunk: Buffer): void => {
    const text = chunk.toString();
    started.pid ??= Number(PID_LINE.exec(text)?.[1]) || undefined;
    output.push(...text.split('\n').filter((l) => l.trim() && !PID_LINE.test(l)).map(withoutLogPrefix));
    output.splice(0, Math.max(0, output.length - 20));
  };
  shell.stdout.on('data', keep);
  shell.stderr.on('data', keep);
  const end = Date.now() + READY_TIMEOUT_MS;
  while (running(shell) && Date.now() < end) {
    try {
      // Ours, not a server that took the port first (then ours exits with "Address already in use").
      if (started.pid && (await redisProcessId(`redis://127.0.0.1:${port}`, 500)) === started.pid) return { started };
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 25));
  }
  const timedOut = running(shell);
  await stopServer(started);
  const last = output.at(-1) ?? `it printed nothing (exit code ${shell.exitCode})`;
  return {
    failure: `redis-server did not start${timedOut ? ` within ${READY_TIMEOUT_MS / 1000} s` : ''}: ${last}`,
    portTaken: output.some((line) => line.includes('Address already in use')),
  };
}

/** A redis-server of our own on a free port of 127.0.0.1; throws a one-line HarnessError if it cannot. */
export async function startRedisServer(): Promise<RedisServer> {
  const binary = findRedisServer();
  if (!binary) throw new HarnessError(NOT_INSTALLED);
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const launched = await launch(binary, port);
    if ('started' in launched) {
      const { started } = launched;
      return { url: `redis://127.0.0.1:${port}`, port, pid: started.pid!, stop: () => stopServer(started) };
    }
    // Someone else took the port between our check and Redis's bind: another one will do.
    if (!launched.portTaken || attempt === PORT_TRIES) throw new HarnessError(launched.failure);
  }
}

/** A Redis to use, and how to let go of it: the given one (checked to answer), or a private server of ours. */
export interface AcquiredRedis { url: string; release(): Promise<void> }

/**
 * The given Redis (checked to answer, one clear line if not), or a private redis-server started now;
 * `release()` stops what was started here and leaves a given server alone.
 */
export async function acquireRedis(givenUrl: string | undefined): Promise<AcquiredRedis> {
  if (givenUrl) {
    await probeRedis(givenUrl);
    return { url: givenUrl, release: async () => {} };
  }
  const server = await startRedisServer();
  return { url: server.url, release: () => server.stop() };
}

/** Runs `use` with a Redis URL when `needed` (see acquireRedis), releasing it however `use` ends. */
export async function withRedis<T>(needed: boolean, givenUrl: string | undefined, use: (redisUrl?: string) => Promise<T>): Promise<T> {
  if (!needed) return use(givenUrl);
  const redis = await acquireRedis(givenUrl);
  try {
    return await use(redis.url);
  } finally {
    await redis.release();
  }
}
