// A variant that is a command (contract.ts CommandSpec): a server of any stack that starts its own
// workers (gunicorn -w N, a node:cluster script). H copies on H ports, each in a process group of its
// own under a small sh watchdog, so that nothing outlives the run: stop() sends SIGTERM to the whole
// group, then SIGKILL; the watchdog does the same when this process dies however it dies (its pipe
// closes), as redis-server.ts does. Same handle as cluster.ts (RunningCluster), so run.ts drives both.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { basename, dirname, extname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { RunningCluster, WorkerExit } from './cluster.js';
import type { CommandSpec } from './contract.js';
import { HarnessError } from './errors.js';
import { EXIT_LINE, PID_LINE, procStat, stopGroup, WATCHDOG } from './process-group.js';
import { signal, track } from './processes.js';

export interface CommandOptions {
  spec: CommandSpec;
  /** file: URL of the variant's source (a mutant's, for a mutant). */
  variantModule: string;
  /** The lab's source folder: `cwd` is relative to it. */
  labDir: string;
  workers: number;
  hosts: number;
  dataDir: string;
  port?: number;
  restartEvery?: number;
  redisUrl?: string;
  redisPrefix?: string;
  readyTimeoutMs?: number;
}

const MAX_SERVER_ERRORS = 5;
/** What a Python or Node server logs when the app's code threw (Flask's "Exception on /incr [POST]", a traceback's last line). */
const SERVER_ERROR = /Exception on \S+ \[\w+\]|^[\w.]*(Error|Exception): /;

const checked = new Map<string, string | undefined>();
/** The spec's `missing` line when what the server needs is not installed (checked once per process), else undefined. */
export function missingRequirement(spec: CommandSpec): string | undefined {
  if (!spec.requires) return undefined;
  const key = spec.requires.argv.join('\0');
  if (!checked.has(key)) {
    const [file, ...args] = spec.requires.argv;
    const run = spawnSync(file!, args, { stdio: 'ignore', timeout: 10_000 });
    checked.set(key, run.status === 0 ? undefined : spec.requires.missing);
  }
  return checked.get(key);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
const answers = (port: number): Promise<boolean> => new Promise((resolve) => {
  const socket = connect(port, '127.0.0.1', () => { socket.destroy(); resolve(true); }).once('error', () => resolve(false));
});
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => {
    if (!Object.hasOwn(values, key)) throw new HarnessError(`command variant: unknown placeholder ${whole} in "${text}"`);
    return values[key]!;
  });
}

/** One copy of the server: its watchdog shell (group leader), its master, the workers it booted (ready line), its last lines. */
interface CommandHost { port: number; shell: ChildProcess; pgid: number; master?: number; booted: number[]; killed: Set<number>; output: string[]; exited: Promise<string>; stopping: boolean }

/** Workers of the host that are alive now: booted, not a zombie, still children of its master. */
const liveWorkers = (host: CommandHost): number[] => host.booted.filter((pid) => procStat(pid)?.ppid === host.master);

async function startOne(options: CommandOptions, index: number, serverErrors: string[]): Promise<CommandHost> {
  const { spec, workers } = options;
  const port = options.port ? options.port + index : await freePort();
  const file = fileURLToPath(options.variantModule);
  const values = {
    port: String(port), workers: String(workers), maxRequests: String(options.restartEvery ?? 0),
    file, dir: dirname(file), name: basename(file, extname(file)), redisUrl: options.redisUrl ?? '', redisPrefix: options.redisPrefix ?? '',
  };
  const argv = spec.argv.map((a) => fill(a, values));
  const env = Object.fromEntries(Object.entries(spec.env ?? {}).map(([k, v]) => [k, fill(v, values)]));
  const shell = spawn('/bin/sh', ['-c', WATCHDOG, 'wsl-command', ...argv], {
    cwd: join(options.labDir, fill(spec.cwd ?? '.', values)),
    env: { ...process.env, ...env, DATA_DIR: options.dataDir },
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true, // setsid: the shell leads a new process group, which the command and its workers join
  });
  let exitCode: (why: string) => void = () => {};
  let gone: string | undefined;
  const exited = new Promise<string>((resolve) => { exitCode = (why) => { gone = why; resolve(why); }; });
  const host: CommandHost = { port, shell, pgid: shell.pid!, booted: [], killed: new Set(), output: [], exited, stopping: false };
  // The exit hook SIGTERMs the whole group (a negative PID), not only the shell.
  track(shell, { stop: () => stopOne(host), pid: () => -host.pgid });
  const workerLine = 'workerLine' in spec.ready ? new RegExp(spec.ready.workerLine) : undefined;
  const keep = (line: string): void => {
    const pid = PID_LINE.exec(line);
    const exit = EXIT_LINE.exec(line);
    if (pid) host.master = Number(pid[1]);
    else if (exit) exitCode(`exit code ${exit[1]}`);
    else if (line.trim()) {
      const booted = workerLine?.exec(line);
      if (booted) host.booted.push(Number(booted[1]));
      if (SERVER_ERROR.test(line) && serverErrors.length < MAX_SERVER_ERRORS) serverErrors.push(line.trim());
      host.output = [...host.output.slice(-19), line];
    }
  };
  createInterface({ input: shell.stdout! }).on('line', keep);
  createInterface({ input: shell.stderr! }).on('line', keep);
  const end = Date.now() + (options.readyTimeoutMs ?? 30_000);
  let ready = false;
  while (!ready && !gone && Date.now() < end) {
    await sleep(25);
    if (workerLine && liveWorkers(host).length < workers) continue;
    // A server that accepts but never answers must not hold the loop past `end`: each probe is bounded.
    const probe = AbortSignal.timeout(Math.max(1, Math.min(1000, end - Date.now())));
    ready = 'path' in spec.ready ? await fetch(`http://127.0.0.1:${port}${spec.ready.path}`, { signal: probe }).then((r) => r.arrayBuffer()).then(() => true, () => false) : await answers(port);
  }
  if (ready && !gone) return host;
  // Taken before the stop: the shell reports the exit that our own SIGTERM causes too.
  const exitedAlone = gone;
  await stopOne(host);
  // One line: the server's last (a Python traceback's last line names the error).
  const said = host.output.at(-1) ? `: ${host.output.at(-1)!.trim()}` : '';
  throw new HarnessError(exitedAlone
    ? `host ${index + 1} exited during start-up (${exitedAlone})${said}`
    : `host ${index + 1} did not get ${workers} workers listening within ${(options.readyTimeoutMs ?? 30_000) / 1000} s${said}`);
}

/** Stops the whole group (SIGTERM, then SIGKILL), then lets go of the watchdog's pipe. */
async function stopOne(host: CommandHost): Promise<void> {
  host.stopping = true;
  await stopGroup(host.pgid);
  host.shell.stdin?.destroy();
}

export async function startCommand(options: CommandOptions): Promise<RunningCluster> {
  const missing = missingRequirement(options.spec);
  if (missing) throw new HarnessError(missing);
  const serverErrors: string[] = [];
  const started = await Promise.allSettled(Array.from({ length: options.hosts }, (_, i) => startOne(options, i, serverErrors)));
  const hosts = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failure = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failure) {
    await Promise.all(hosts.map(stopOne));
    throw failure.reason;
  }
  const exits: WorkerExit[] = [];
  const timeout = options.readyTimeoutMs ?? 30_000;
  const lastWords = (host: CommandHost, i: number): Promise<string> => host.exited.then((why) => `host ${i + 1} stopped during the run (${why}): ${host.output.slice(-3).join(' | ')}`);
  // A host we stopped never resolves this: only one that exits on its own does.
  const died = (host: CommandHost, i: number): Promise<string> => lastWords(host, i).then((why) => (host.stopping ? new Promise<string>(() => {}) : why));
  return {
    hosts: hosts.map((h, i) => ({ host: i + 1, port: h.port, url: `http://127.0.0.1:${h.port}`, pid: h.master ?? -1, workers: liveWorkers(h).map((pid) => ({ id: String(pid), pid })) })),
    urls: hosts.map((h) => `http://127.0.0.1:${h.port}`),
    exits,
    serverErrors,
    // One worker of the first host, a child of its master: the server must replace it.
    killWorker: () => {
      const [victim] = liveWorkers(hosts[0]!);
      if (victim === undefined) return;
      hosts[0]!.killed.add(victim);
      signal(victim, 'SIGKILL');
    },
    allListening: async () => {
      const end = Date.now() + timeout;
      for (const [i, host] of hosts.entries()) {
        // The port answered at start-up and the master keeps it. No probe connection here: node:cluster
        // would hand it to one worker and shift its round-robin, so that the fresh step's connections
        // that follow no longer visit every worker in turn. Without a worker line there is nothing more to know.
        while ('workerLine' in options.spec.ready && liveWorkers(host).length < options.workers) {
          // Not died(): it never settles once stop() began (an abort while a reopen or a fresh step waits here).
          if (host.stopping) throw new HarnessError(`host ${i + 1} was stopped`);
          if (!host.master || !procStat(host.master)) throw new HarnessError(await lastWords(host, i));
          if (Date.now() > end) throw new HarnessError(`the server did not get all its workers back within ${timeout / 1000} s`);
          await sleep(25);
        }
      }
    },
    died: Promise.race(hosts.map(died)),
    stop: async () => {
      // Workers that left while serving: killed by us, retired (--restart-every), or crashed.
      for (const host of hosts) {
        for (const pid of host.booted.filter((p) => procStat(p)?.ppid !== host.master)) {
          const reason = host.killed.has(pid) ? 'killed' : options.restartEvery ? 'retired' : 'crashed';
          exits.push({ id: String(pid), code: null, signal: null, reason });
        }
      }
      await Promise.all(hosts.map(stopOne));
    },
  };
}
