// Entry point of one cluster worker: build the variant's app with its context, put it in the
// harness's shell, listen on 127.0.0.1, and report a failure to start as one line to the primary.
// With --restart-every it retires after its share of requests: it asks for a replacement, keeps
// serving until the replacement listens, then closes its connections and exits.
import cluster from 'node:cluster';
import { createServer, type Server } from 'node:http';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appShell, labFrame, type WorkerStats } from './app-shell.js';
import { isMessage, LEAVE, RETIRE, STANDBY_READY, TAKE_OVER, WORKER_ENV, workerLabel, type WorkerConfig, type WorkerFailure } from './cluster-protocol.js';
import type { AppFactory } from './contract.js';
import { announcePrimaryPart, primaryAsker } from './primary-part.js';
import { openStore } from './store/open.js';
import { sourcePathOf } from './runtime.js';

/** The variant's file as its author knows it: a compiled built-in lab's source (labs/x/fixed.ts), a lab folder's own file as it is. */
function variantShown(module: string): string {
  if (!module.startsWith('file:')) return module;
  const path = fileURLToPath(module);
  const source = sourcePathOf(path);
  return relative(process.cwd(), source === path ? path : source.replace(/\.js$/, '.ts'));
}

const config = JSON.parse(process.env[WORKER_ENV] ?? 'null') as WorkerConfig | null;
if (!config || !cluster.worker) {
  console.error('cluster-worker is forked by harness/cluster-primary.ts, not started by hand');
  process.exit(2);
}
const workerId = workerLabel(config.host, config.hosts, cluster.worker.id);
const LEAVE_GRACE_MS = 3000;

function failStart(reason: string): void {
  const failure: WorkerFailure = { wsl: 'worker:failed', reason };
  if (process.connected) process.send?.(failure, () => process.exit(1));
  else process.exit(1);
}

/**
 * Stop taking connections, let each open one finish its request with `Connection: close`, exit.
 * `cluster.worker.disconnect()` (not `server.close()` and exit) keeps the IPC channel open until the
 * server has closed, so a connection the primary was handing over in that moment is refused back
 * to it and given to another worker, instead of dying with this process and hanging its client.
 */
function leave(server: Server, stats: WorkerStats): void {
  stats.leaving = true;
  cluster.worker?.disconnect();
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), LEAVE_GRACE_MS).unref();
}

try {
  const store = await openStore(config);
  const variant = (await import(config.variantModule)) as { default: AppFactory; primary?: unknown };
  const factory = variant.default;
  announcePrimaryPart(variant, (m) => process.send?.(m));
  const askPrimary = primaryAsker((m) => process.send?.(m), (listener) => process.on('message', listener));
  const app = await factory({ store, workerId, dataDir: config.dataDir, askPrimary });
  const stats: WorkerStats = { served: 0, leaving: false };
  let retiring = false;
  const onServed = (): void => {
    if (!config.restartEvery || retiring || stats.served < config.restartEvery) return;
    retiring = true;
    process.send?.({ wsl: RETIRE });
  };
  const server = createServer(appShell(app, workerId, stats, onServed));
  server.on('error', (err: NodeJS.ErrnoException) => {
    failStart(err.code === 'EADDRINUSE' ? `port ${config.port} is already taken` : `cannot listen: ${err.message}`);
  });
  process.on('message', (message: unknown) => {
    if (isMessage(message, LEAVE)) leave(server, stats);
    // A spare listens with the port the primary names now (see fork() in cluster-primary.ts).
    if (isMessage(message, TAKE_OVER)) server.listen((message as { port: number }).port, '127.0.0.1');
  });
  if (config.standby) process.send?.({ wsl: STANDBY_READY });
  else server.listen(config.port, '127.0.0.1');
} catch (err) {
  failStart(`worker could not build the app of ${variantShown(config.variantModule)}: ${err instanceof Error ? err.message : String(err)}${labFrame(err)}`);
}
