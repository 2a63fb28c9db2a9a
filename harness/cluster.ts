// Starts a variant under H hosts x N workers and stops it again. Each host is a cluster primary in a
// process of its own (cluster-primary.ts), so that several hosts can run side by side as if on
// separate machines. Every process started here is tracked until it has exited: a run that fails,
// throws or is interrupted still leaves nothing behind.
import { fork, type ChildProcess } from 'node:child_process';
import { HOST_ENV, type ExitReason, type HostConfig, type PrimaryCommand, type PrimaryEvent, type WorkerInfo } from './cluster-protocol.js';
import { HarnessError } from './errors.js';
import { track } from './processes.js';
import { hostRuntime } from './runtime.js';

export interface ClusterOptions extends Omit<HostConfig, 'host' | 'port'> {
  /** Port of the first host (the next hosts take the next ports); 0 or absent = free ports. */
  port?: number;
  readyTimeoutMs?: number;
}

export interface HostHandle {
  host: number;
  url: string;
  port: number;
  pid: number;
  workers: WorkerInfo[];
}

export interface WorkerExit { id: string; code: number | null; signal: string | null; reason: ExitReason }

export interface RunningCluster {
  hosts: HostHandle[];
  urls: string[];
  /** Workers that left while serving (crashed, killed or retired), each replaced by a fresh one. */
  exits: WorkerExit[];
  /** What the lab's code threw while serving (a 500), as the workers logged it: the first few, for people to read. */
  serverErrors: string[];
  /** The fault --kill-worker: SIGKILL one serving worker of the first host (its primary replaces it). */
  killWorker(): void;
  /** Resolves when every host has all its workers listening again, with no replacement pending (within the ready timeout). */
  allListening(): Promise<void>;
  /** Resolves, with the reason, when a host's primary exits on its own; never after stop() or stopEverything(). */
  died: Promise<string>;
  stop(): Promise<void>;
}

const STOP_GRACE_MS = 4000;

/** Primaries that were told to stop: their exit is no death. */
const stopRequested = new WeakSet<ChildProcess>();
/** Why a primary gave up after start-up (its last 'failed' event, or its last output), for error messages. */
const lastWords = new WeakMap<ChildProcess, () => string>();
function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function stopPrimary(child: ChildProcess): Promise<void> {
  stopRequested.add(child);
  if (child.exitCode === null && child.signalCode === null) {
    const command: PrimaryCommand = { type: 'stop' };
    if (child.connected) child.send(command, () => { /* it may be on its way out */ });
    else child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await exited(child);
    clearTimeout(timer);
  }
}

/** The last lines a process wrote, for error messages. */
function tail(chunks: string[]): string {
  return chunks.join('').trim().split('\n').slice(-5).join('\n');
}

/** What the workers of a cluster told (one list for its hosts). */
interface Told { exits: WorkerExit[]; serverErrors: string[] }
const MAX_SERVER_ERRORS = 5;

function startHost(config: HostConfig, readyTimeoutMs: number, told: Told): Promise<{ child: ChildProcess; handle: HostHandle }> {
  const runtime = hostRuntime(config.variantModule);
  const child = fork(runtime.primary, [], {
    // Not this process's flags (under vitest they are vitest's): what harness code needs to run.
    execArgv: runtime.execArgv,
    env: { ...process.env, [HOST_ENV]: JSON.stringify({ ...config, variantModule: runtime.variantModule }) },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  // A primary that gets SIGTERM ends its workers: the exit hook's SIGTERM is enough.
  track(child, { stop: () => stopPrimary(child), pid: () => child.pid });
  const output: string[] = [];
  const keep = (chunk: Buffer): void => {
    output.push(chunk.toString());
    // The shell logs a lab's server error as one line `worker <id>: <message> (at labs/...)`.
    for (const line of chunk.toString().split('\n')) {
      if (/^worker \S+: /.test(line) && told.serverErrors.length < MAX_SERVER_ERRORS) told.serverErrors.push(line.trim());
    }
    if (output.length > 50) output.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  let lateFailure: string | undefined;
  lastWords.set(child, () => lateFailure ?? (tail(output) || `exit code ${child.exitCode}, signal ${child.signalCode}`));
  return new Promise((resolve, reject) => {
    let settled = false;
    const failed = (reason: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void stopPrimary(child).then(() => reject(new HarnessError(reason)));
    };
    const timer = setTimeout(() => failed(`host ${config.host} did not get ${config.workers} workers listening within ${readyTimeoutMs / 1000} s${output.length ? `:\n${tail(output)}` : ''}`), readyTimeoutMs);
    child.on('message', (event: PrimaryEvent) => {
      if (event.type === 'ready') {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ child, handle: { host: config.host, port: event.port, url: `http://127.0.0.1:${event.port}`, pid: child.pid ?? -1, workers: event.workers } });
      } else if (event.type === 'failed') {
        if (settled) lateFailure = event.reason;
        failed(event.reason);
      } else if (event.type === 'worker-exit') {
        told.exits.push({ id: event.id, code: event.code, signal: event.signal, reason: event.reason });
      }
    });
    child.once('exit', (code, signal) => {
      failed(`host ${config.host} exited during start-up (code ${code}, signal ${signal})${output.length ? `:\n${tail(output)}` : ''}`);
    });
  });
}

export async function startCluster(options: ClusterOptions): Promise<RunningCluster> {
  const { port = 0, readyTimeoutMs = 30_000, ...rest } = options;
  const told: Told = { exits: [], serverErrors: [] };
  const started = await Promise.allSettled(
    Array.from({ length: options.hosts }, (_, i) =>
      startHost({ ...rest, host: i + 1, port: port === 0 ? 0 : port + i }, readyTimeoutMs, told)),
  );
  const children = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value.child] : []));
  const failure = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failure) {
    await Promise.all(children.map(stopPrimary));
    throw failure.reason;
  }
  const hosts = started.map((s) => (s as PromiseFulfilledResult<{ handle: HostHandle }>).value.handle);
  const send = (child: ChildProcess, command: PrimaryCommand): void => {
    if (child.connected) child.send(command, () => { /* a primary on its way out */ });
  };
  const stoppedReason = (child: ChildProcess): string => `host ${hosts[children.indexOf(child)]?.host} stopped during the run: ${lastWords.get(child)?.()}`;
  const allListening = (child: ChildProcess): Promise<void> => new Promise((resolve, reject) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      reject(new HarnessError(stoppedReason(child)));
      return;
    }
    const timer = setTimeout(() => done(new HarnessError(`the cluster did not get all its workers back within ${readyTimeoutMs / 1000} s`)), readyTimeoutMs);
    const onEvent = (event: PrimaryEvent): void => { if (event.type === 'whole') done(); };
    const onExit = (): void => done(new HarnessError(stoppedReason(child)));
    function done(error?: Error): void {
      clearTimeout(timer);
      child.off('message', onEvent).off('exit', onExit);
      if (error) reject(error);
      else resolve();
    }
    child.on('message', onEvent).once('exit', onExit);
    send(child, { type: 'when-whole' });
  });
  return {
    hosts,
    urls: hosts.map((h) => h.url),
    exits: told.exits,
    serverErrors: told.serverErrors,
    killWorker: () => send(children[0]!, { type: 'kill-worker' }),
    allListening: () => Promise.all(children.map(allListening)).then(() => undefined),
    // A primary we stopped never resolves this: only one that exits on its own does.
    died: Promise.race(children.map((child) => exited(child).then(() => (stopRequested.has(child) ? new Promise<string>(() => {}) : stoppedReason(child))))),
    stop: () => Promise.all(children.map(stopPrimary)).then(() => undefined),
  };
}
