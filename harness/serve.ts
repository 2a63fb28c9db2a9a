// `npm run lab serve`: one variant kept running for a live workshop, to poke at with curl.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCluster, type RunningCluster } from './cluster.js';
import { startCommand } from './command-host.js';
import { sourcePathOf } from './runtime.js';
import type { Lab } from './contract.js';
import { liveFragment, livePage } from './html/live-page.js';
import { startLive, type LiveServer } from './live.js';
import { acquireRedis, type AcquiredRedis } from './redis-server.js';
import { deleteKeys, runPrefix } from './store/redis.js';
import { checkRunOptions, type RunOptions } from './options.js';
import type { StoreKind } from './store/types.js';

/** One variant on one store; the rest as a matrix run takes it (harness/options.ts). */
export interface ServeOptions extends Pick<RunOptions, 'workers' | 'hosts' | 'redisUrl' | 'port' | 'storeLatency'> {
  variant: string;
  store?: StoreKind;
  /** Also start the live page (harness/live.ts) on a port of its own; the try-it commands then go through it, to be drawn. */
  live?: boolean;
}

export interface Serving {
  cluster: RunningCluster;
  dataDir: string;
  store: StoreKind | 'none';
  /** The lab's try-it commands with this run's URL (the live server's, with `live`) and data folder filled in. */
  commands: string[];
  /** The live page, with `live`. */
  live?: LiveServer;
  stop(): Promise<void>;
}

export async function serveLab(lab: Lab, options: ServeOptions): Promise<Serving> {
  checkRunOptions({ ...options, variants: [options.variant], stores: options.store && [options.store] }, lab);
  // A command variant (command-host.ts) reaches only Redis: the primary store lives in our node:cluster primary.
  const command = lab.variants[options.variant]!.command;
  const store = lab.variants[options.variant]!.store ? options.store ?? (command ? 'redis' : 'primary') : 'none';
  const dataDir = await mkdtemp(join(tmpdir(), `worker-state-lab-serve-${lab.name}-`));
  // Not withRedis(): the server must outlive this function, until stop().
  let redis: AcquiredRedis | undefined;
  let live: LiveServer | undefined;
  const redisPrefix = runPrefix(`serve:${lab.name}`);
  try {
    await lab.prepare?.(dataDir);
    if (store === 'redis') redis = await acquireRedis(options.redisUrl);
    const cluster = command ? await startCommand({
      spec: command,
      variantModule: lab.variantModule(options.variant),
      labDir: sourcePathOf(lab.folder),
      workers: options.workers,
      hosts: options.hosts ?? 1,
      dataDir,
      port: options.port ?? 0,
      ...(redis && { redisUrl: redis.url, redisPrefix }),
    }) : await startCluster({
      variantModule: lab.variantModule(options.variant),
      workers: options.workers,
      hosts: options.hosts ?? 1,
      store,
      dataDir,
      port: options.port ?? 0,
      ...(redis && { redisUrl: redis.url, redisPrefix }),
      ...(options.storeLatency && store !== 'none' && { storeLatency: options.storeLatency }),
    });
    live = options.live ? await startLive({
      upstreams: cluster.urls,
      page: (url) => livePage({ lab: lab.name, title: lab.title, summary: lab.variants[options.variant]!.summary, variant: options.variant, store, url }),
      render: liveFragment,
      ...(command?.workerHeader && { workerHeader: command.workerHeader }),
    }).catch(async (err: unknown) => {
      await cluster.stop();
      throw err;
    }) : undefined;
    const url = live?.url ?? cluster.urls[0]!;
    const fill = (command: string) => command.replaceAll('{url}', url).replaceAll('{dataDir}', dataDir);
    return {
      cluster,
      dataDir,
      store,
      commands: (lab.tryIt ?? []).map(fill),
      ...(live && { live }),
      stop: async () => {
        await live?.close();
        await cluster.stop();
        if (redis) await deleteKeys(redis.url, redisPrefix).catch(() => 0);
        await redis?.release();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await redis?.release();
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  }
}
