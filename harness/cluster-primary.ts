// Entry point of a host's cluster primary (a process of its own, forked by cluster.ts). It holds the
// `primary` store, forks the workers, tells the harness when all of them listen, replaces a worker
// that dies or retires, and ends every worker when it is told to stop, when it is interrupted, or
// when the harness that started it goes away.
import cluster, { type Worker } from 'node:cluster';
import { HOST_ENV, isMessage, isWorkerFailure, LEAVE, RETIRE, STANDBY_READY, TAKE_OVER, WORKER_ENV, workerLabel, type ExitReason, type HostConfig, type PrimaryCommand, type PrimaryEvent, type WorkerConfig, type WorkerInfo } from './cluster-protocol.js';
import { harnessFile } from './runtime.js';
import { answerStoreRequest, MemoryStore } from './store/primary.js';

const config = JSON.parse(process.env[HOST_ENV] ?? 'null') as HostConfig | null;
if (!config || !process.send) {
  console.error('cluster-primary is started by the harness (harness/cluster.ts), not by hand');
  process.exit(2);
}

const KILL_AFTER_MS = 2000;
const store = new MemoryStore();
const tell = (event: PrimaryEvent): void => {
  if (process.connected) process.send?.(event);
};
const label = (worker: Worker): string => workerLabel(config.host, config.hosts, worker.id);

/** The port the system gave the shared handle (config.port may be 0). */
let actualPort = config.port;
let ready = false;
let stopping = false;
let wholeWanted = false;
const listening = new Set<number>();
/** Workers on their way out (retired or killed), whose replacement is already forked. */
const leaving = new Map<number, ExitReason>();

cluster.setupPrimary({
  exec: harnessFile('cluster-worker'),
  // --expose-gc: the harness may force a GC before it measures retained heap (app-shell.ts); labs never call gc().
  execArgv: [...process.execArgv, '--expose-gc'],
});

/**
 * The port a new worker must ask for. It must ask exactly as the others did, to share their handle
 * (the primary keys handles by the arguments of listen). Only when no worker listens any more is the
 * handle gone: then it must ask for the same number again, or clients would find nobody on the old port.
 */
const portToAsk = (): number => (config!.port !== 0 || listening.size > 0 ? config!.port : actualPort);

function fork(standby = false): Worker {
  const workerConfig: WorkerConfig = { ...config!, port: portToAsk(), standby };
  // DATA_DIR: where the lab's data lives, as a deployed app would be told (code at module load reads it).
  return cluster.fork({ [WORKER_ENV]: JSON.stringify(workerConfig), DATA_DIR: config!.dataDir });
}

/** With --restart-every, one spare worker is built in advance, so that a worker can retire at once. */
let spare: { worker: Worker; ready: boolean } | undefined;
function prepareSpare(): void {
  if (!config!.restartEvery || spare || stopping) return;
  const worker = fork(true);
  spare = { worker, ready: false };
  worker.on('message', (m: unknown) => {
    if (isMessage(m, STANDBY_READY) && spare?.worker === worker) {
      spare.ready = true;
      announceReady();
    }
  });
}

/** Ready when all N listen, and (with --restart-every) the first spare is built: the first retirement is then exact. */
function announceReady(): void {
  if (ready || listening.size < config!.workers || (config!.restartEvery && !spare?.ready)) return;
  ready = true;
  const workers: WorkerInfo[] = Object.values(cluster.workers ?? {}).flatMap((w) =>
    w?.process.pid && listening.has(w.id) ? [{ id: label(w), pid: w.process.pid }] : []);
  tell({ type: 'ready', port: actualPort, workers });
}

const isWhole = (): boolean => leaving.size === 0 && listening.size >= config.workers;
function checkWhole(): void {
  if (wholeWanted && isWhole()) {
    wholeWanted = false;
    tell({ type: 'whole' });
  }
}

function fail(reason: string): void {
  if (stopping) return;
  tell({ type: 'failed', reason });
  stop();
}

/**
 * A retiring worker keeps serving until its replacement listens, so the port never goes dark: the
 * ready spare takes over at once; without one (retirements faster than start-ups) a fresh worker
 * is forked and the old one serves a little longer than its share.
 */
function replaceThenRelease(worker: Worker): void {
  leaving.set(worker.id, 'retired');
  let replacement: Worker;
  if (spare?.ready) {
    replacement = spare.worker;
    spare = undefined;
    replacement.send({ wsl: TAKE_OVER, port: portToAsk() });
  } else {
    replacement = fork();
  }
  replacement.once('listening', () => {
    if (worker.isConnected()) worker.send({ wsl: LEAVE });
    if (!stopping) prepareSpare();
  });
}

cluster.on('message', (worker, message: unknown) => {
  if (answerStoreRequest(store, worker, message)) return;
  if (isWorkerFailure(message)) fail(message.reason);
  else if (isMessage(message, RETIRE) && !stopping && !leaving.has(worker.id)) replaceThenRelease(worker);
});

cluster.on('listening', (worker, address) => {
  listening.add(worker.id);
  actualPort = address.port;
  announceReady();
  checkWhole();
});

cluster.on('exit', (worker, code, signal) => {
  const wasListening = listening.delete(worker.id);
  const planned = leaving.get(worker.id);
  leaving.delete(worker.id);
  if (stopping) {
    // cluster.workers drops a worker only once it has both exited and disconnected: ask each one.
    if (Object.values(cluster.workers ?? {}).every((w) => !w || w.isDead())) process.exit(0);
    return;
  }
  if (spare?.worker === worker) spare = undefined;
  if (!ready || (!wasListening && !planned)) {
    fail(`worker ${worker.id} exited during start-up (code ${code}, signal ${signal})`);
    return;
  }
  // A worker that dies while serving is replaced, as gunicorn or pm2 would do; a retired one already was.
  if (planned !== 'retired') fork();
  tell({ type: 'worker-exit', id: label(worker), code, signal, reason: planned ?? 'crashed' });
  checkWhole();
});

/** The fault `--kill-worker`: SIGKILL one serving worker, as the OOM killer or a segfault would. */
function killOne(): void {
  const victim = Object.values(cluster.workers ?? {}).find((w) => w && listening.has(w.id) && !leaving.has(w.id));
  if (!victim) return;
  leaving.set(victim.id, 'killed');
  victim.process.kill('SIGKILL');
}

function stop(): void {
  if (stopping) return;
  stopping = true;
  const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
  if (workers.length === 0) process.exit(0);
  for (const w of workers) w.process.kill('SIGTERM');
  setTimeout(() => {
    for (const w of workers) if (w.process.exitCode === null && w.process.signalCode === null) w.process.kill('SIGKILL');
    setTimeout(() => process.exit(0), 200).unref();
  }, KILL_AFTER_MS).unref();
}

process.on('message', (command: PrimaryCommand) => {
  if (command?.type === 'stop') stop();
  else if (command?.type === 'kill-worker') killOne();
  else if (command?.type === 'when-whole') {
    wholeWanted = true;
    checkWhole();
  }
});
process.on('disconnect', stop); // the harness went away: leave nothing behind
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

// The harness may have died while this module was loading, before the 'disconnect' listener existed:
// then there is no one to serve, and no worker must be started.
if (!process.connected) stop();
else for (let i = 0; i < config.workers; i++) fork();
if (!stopping) prepareSpare();
