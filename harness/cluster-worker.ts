// Entry point of one cluster worker: build the variant's app with its context, put it in the
// harness's shell, listen on 127.0.0.1, and report a failure to start as one line to the primary.
import cluster from 'node:cluster';
import { createServer } from 'node:http';
import { appShell } from './app-shell.js';
import { WORKER_ENV, workerLabel, type WorkerConfig, type WorkerFailure } from './cluster-protocol.js';
import type { AppFactory } from './contract.js';
import { openStore } from './store/open.js';

const config = JSON.parse(process.env[WORKER_ENV] ?? 'null') as WorkerConfig | null;
if (!config || !cluster.worker) {
  console.error('cluster-worker is forked by harness/cluster-primary.ts, not started by hand');
  process.exit(2);
}
const workerId = workerLabel(config.host, config.hosts, cluster.worker.id);

function failStart(reason: string): void {
  const failure: WorkerFailure = { wsl: 'worker:failed', reason };
  if (process.connected) process.send?.(failure, () => process.exit(1));
  else process.exit(1);
}

try {
  const store = await openStore(config);
  const { default: factory } = (await import(config.variantModule)) as { default: AppFactory };
  const app = await factory({ store, workerId, dataDir: config.dataDir });
  const server = createServer(appShell(app, workerId));
  server.on('error', (err: NodeJS.ErrnoException) => {
    failStart(err.code === 'EADDRINUSE' ? `port ${config.port} is already taken` : `cannot listen: ${err.message}`);
  });
  server.listen(config.port, '127.0.0.1');
} catch (err) {
  failStart(`worker could not build the app of ${config.variantModule.split('/labs/').pop()}: ${err instanceof Error ? err.message : String(err)}`);
}
