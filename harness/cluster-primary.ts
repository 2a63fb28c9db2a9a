// Entry point of a host's cluster primary (a process of its own, forked by cluster.ts). It holds the
// `primary` store, forks the workers, tells the harness when all of them listen, replaces a worker
// that dies or retires, and ends every worker when it is told to stop, when it is interrupted, or
// when the harness that started it goes away. The state lives in one HostPrimary; the event wiring
// (cluster and harness messages) is at the bottom of this file.
import cluster, { type Worker } from 'node:cluster';
import { HOST_ENV, isMessage, isWorkerFailure, LEAVE, RETIRE, STANDBY_READY, TAKE_OVER, WORKER_ENV, workerLabel, type ExitReason, type HostConfig, type PrimaryCommand, type PrimaryEvent, type WorkerConfig, type WorkerInfo } from './cluster-protocol.js';
import { PrimaryPartHost } from './primary-part.js';
import { harnessFile } from './runtime.js';
import { answerStoreRequest, MemoryStore } from './store/primary.js';

const KILL_AFTER_MS = 2000;

const tell = (event: PrimaryEvent): void => {
  if (process.connected) process.send?.(event);
};

class HostPrimary {
  readonly store = new MemoryStore();
  /** The port the system gave the shared handle (config.port may be 0). */
  actualPort: number;
  ready = false;
  stopping = false;
  /** The harness asked to be told when every worker slot listens again. */
  wholeWanted = false;
  readonly listening = new Set<number>();
  /** Workers on their way out (retired or killed), whose replacement is already forked. */
  readonly leaving = new Map<number, ExitReason>();
  /** With --restart-every, one spare worker built in advance, so that a worker can retire at once. */
  spare: { worker: Worker; ready: boolean } | undefined;

  constructor(readonly config: HostConfig) {
    this.actualPort = config.port;
  }

  label(worker: Worker): string {
    return workerLabel(this.config.host, this.config.hosts, worker.id);
  }

  /**
   * The port a new worker must ask for. It must ask exactly as the others did, to share their handle
   * (the primary keys handles by the arguments of listen). Only when no worker listens any more is the
   * handle gone: then it must ask for the same number again, or clients would find nobody on the old port.
   */
  portToAsk(): number {
    return this.config.port !== 0 || this.listening.size > 0 ? this.config.port : this.actualPort;
  }

  fork(standby = false): Worker {
    const workerConfig: WorkerConfig = { ...this.config, port: this.portToAsk(), standby };
    // DATA_DIR: where the lab's data lives, as a deployed app would be told (code at module load reads it).
    return cluster.fork({ [WORKER_ENV]: JSON.stringify(workerConfig), DATA_DIR: this.config.dataDir });
  }

  prepareSpare(): void {
    if (!this.config.restartEvery || this.spare || this.stopping) return;
    const worker = this.fork(true);
    this.spare = { worker, ready: false };
    worker.on('message', (m: unknown) => {
      if (isMessage(m, STANDBY_READY) && this.spare?.worker === worker) {
        this.spare.ready = true;
        this.announceReady();
      }
    });
  }

  /** Ready when all N listen, and (with --restart-every) the first spare is built: the first retirement is then exact. */
  announceReady(): void {
    if (this.ready || this.listening.size < this.config.workers || (this.config.restartEvery && !this.spare?.ready)) return;
    this.ready = true;
    const workers: WorkerInfo[] = Object.values(cluster.workers ?? {}).flatMap((w) =>
      w?.process.pid && this.listening.has(w.id) ? [{ id: this.label(w), pid: w.process.pid }] : []);
    tell({ type: 'ready', port: this.actualPort, workers });
  }

  checkWhole(): void {
    if (this.wholeWanted && this.leaving.size === 0 && this.listening.size >= this.config.workers) {
      this.wholeWanted = false;
      tell({ type: 'whole' });
    }
  }

  fail(reason: string): void {
    if (this.stopping) return;
    tell({ type: 'failed', reason });
    this.stop();
  }

  /**
   * A retiring worker keeps serving until its replacement listens, so the port never goes dark: the
   * ready spare takes over at once; without one (retirements faster than start-ups) a fresh worker
   * is forked and the old one serves a little longer than its share.
   */
  replaceThenRelease(worker: Worker): void {
    this.leaving.set(worker.id, 'retired');
    let replacement: Worker;
    if (this.spare?.ready) {
      replacement = this.spare.worker;
      this.spare = undefined;
      replacement.send({ wsl: TAKE_OVER, port: this.portToAsk() });
    } else {
      replacement = this.fork();
    }
    replacement.once('listening', () => {
      if (worker.isConnected()) worker.send({ wsl: LEAVE });
      if (!this.stopping) this.prepareSpare();
    });
  }

  onListening(worker: Worker, port: number): void {
    this.listening.add(worker.id);
    this.actualPort = port;
    this.announceReady();
    this.checkWhole();
  }

  onExit(worker: Worker, code: number, signal: string): void {
    const wasListening = this.listening.delete(worker.id);
    const planned = this.leaving.get(worker.id);
    this.leaving.delete(worker.id);
    if (this.stopping) {
      // cluster.workers drops a worker only once it has both exited and disconnected: ask each one.
      if (Object.values(cluster.workers ?? {}).every((w) => !w || w.isDead())) process.exit(0);
      return;
    }
    if (this.spare?.worker === worker) this.spare = undefined;
    if (!this.ready || (!wasListening && !planned)) {
      this.fail(`worker ${worker.id} exited during start-up (code ${code}, signal ${signal})`);
      return;
    }
    // A worker that dies while serving is replaced, as gunicorn or pm2 would do; a retired one already was.
    if (planned !== 'retired') this.fork();
    tell({ type: 'worker-exit', id: this.label(worker), code, signal, reason: planned ?? 'crashed' });
    this.checkWhole();
  }

  /** The fault `--kill-worker`: SIGKILL one serving worker, as the OOM killer or a segfault would. */
  killOne(): void {
    const victim = Object.values(cluster.workers ?? {}).find((w) => w && this.listening.has(w.id) && !this.leaving.has(w.id));
    if (!victim) return;
    this.leaving.set(victim.id, 'killed');
    victim.process.kill('SIGKILL');
  }

  stop(): void {
    if (this.stopping) return;
    this.stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    if (workers.length === 0) process.exit(0);
    for (const w of workers) w.process.kill('SIGTERM');
    setTimeout(() => {
      for (const w of workers) if (w.process.exitCode === null && w.process.signalCode === null) w.process.kill('SIGKILL');
      setTimeout(() => process.exit(0), 200).unref();
    }, KILL_AFTER_MS).unref();
  }
}

// ---- wiring ----
const config = JSON.parse(process.env[HOST_ENV] ?? 'null') as HostConfig | null;
if (!config || !process.send) {
  console.error('cluster-primary is started by the harness (harness/cluster.ts), not by hand');
  process.exit(2);
}
const host = new HostPrimary(config);
// The variant's own part in the primary, if it has one (contract.ts, PrimaryPart): loaded at the first question.
const primaryPart = new PrimaryPartHost(config);

cluster.setupPrimary({
  exec: harnessFile('cluster-worker'),
  // --expose-gc: the harness may force a GC before it measures retained heap (app-shell.ts); labs never call gc().
  execArgv: [...process.execArgv, '--expose-gc'],
});

cluster.on('message', (worker, message: unknown) => {
  if (answerStoreRequest(host.store, worker, message)) return;
  if (primaryPart.handle(worker, message)) return;
  if (isWorkerFailure(message)) host.fail(message.reason);
  else if (isMessage(message, RETIRE) && !host.stopping && !host.leaving.has(worker.id)) host.replaceThenRelease(worker);
});
cluster.on('listening', (worker, address) => host.onListening(worker, address.port));
cluster.on('exit', (worker, code, signal) => host.onExit(worker, code, signal));

process.on('message', (command: PrimaryCommand) => {
  if (command?.type === 'stop') host.stop();
  else if (command?.type === 'kill-worker') host.killOne();
  else if (command?.type === 'when-whole') {
    host.wholeWanted = true;
    host.checkWhole();
  }
});
const stop = (): void => host.stop();
process.on('disconnect', stop); // the harness went away: leave nothing behind
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

// The harness may have died while this module was loading, before the 'disconnect' listener existed:
// then there is no one to serve, and no worker must be started.
if (!process.connected) host.stop();
else for (let i = 0; i < config.workers; i++) host.fork();
if (!host.stopping) host.prepareSpare();
