// Entry point of a host's cluster primary (a process of its own, forked by cluster.ts). It holds the
// `primary` store, forks the workers, tells the harness when all of them listen, replaces a worker
// that dies, and ends every worker when it is told to stop, when it is interrupted, or when the
// harness that started it goes away.
import cluster, { type Worker } from 'node:cluster';
import { fileURLToPath } from 'node:url';
import { HOST_ENV, isWorkerFailure, WORKER_ENV, workerLabel, type HostConfig, type PrimaryEvent, type WorkerConfig, type WorkerInfo } from './cluster-protocol.js';
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

let port = config.port;
let ready = false;
let stopping = false;
const listening = new Set<number>();

cluster.setupPrimary({
  exec: fileURLToPath(new URL('./cluster-worker.ts', import.meta.url)),
  // --expose-gc: the harness may force a GC before it measures retained heap (app-shell.ts); labs never call gc().
  execArgv: [...process.execArgv, '--expose-gc'],
});

function fork(): Worker {
  const workerConfig: WorkerConfig = { ...config!, port };
  // DATA_DIR: where the lab's data lives, as a deployed app would be told (code at module load reads it).
  return cluster.fork({ [WORKER_ENV]: JSON.stringify(workerConfig), DATA_DIR: config!.dataDir });
}

function fail(reason: string): void {
  if (stopping) return;
  tell({ type: 'failed', reason });
  stop();
}

cluster.on('message', (worker, message: unknown) => {
  if (answerStoreRequest(store, worker, message)) return;
  if (isWorkerFailure(message)) fail(message.reason);
});

cluster.on('listening', (worker, address) => {
  listening.add(worker.id);
  // Replacements must listen on the same port: when the last worker leaves, the primary closes the
  // shared handle, and a new `listen(0)` would get another port.
  port = address.port;
  if (!ready && listening.size === config.workers) {
    ready = true;
    const workers: WorkerInfo[] = Object.values(cluster.workers ?? {}).flatMap((w) =>
      w?.process.pid ? [{ id: workerLabel(config.host, config.hosts, w.id), pid: w.process.pid }] : []);
    tell({ type: 'ready', port, workers });
  }
});

cluster.on('exit', (worker, code, signal) => {
  const wasListening = listening.delete(worker.id);
  if (stopping) {
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    return;
  }
  if (!ready || !wasListening) {
    fail(`worker ${worker.id} exited during start-up (code ${code}, signal ${signal})`);
    return;
  }
  // A worker that dies while serving is replaced, as gunicorn or pm2 would do.
  fork();
  tell({ type: 'worker-exit', id: workerLabel(config.host, config.hosts, worker.id), code, signal, replaced: true });
});

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

process.on('message', (command: unknown) => {
  if ((command as { type?: unknown })?.type === 'stop') stop();
});
process.on('disconnect', stop); // the harness went away: leave nothing behind
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

for (let i = 0; i < config.workers; i++) fork();
