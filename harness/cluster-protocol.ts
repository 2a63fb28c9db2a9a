// What the three kinds of process say to each other: the harness (orchestrator), the cluster primary
// of each host, and its workers. Configuration travels in environment variables, events over IPC.
import type { StoreKind } from './store/types.js';

/** One host: a cluster primary with its workers, as if on a machine of its own. */
export interface HostConfig {
  /** 1-based index of this host. */
  host: number;
  hosts: number;
  workers: number;
  variantModule: string;
  dataDir: string;
  store: StoreKind | 'none';
  redisUrl?: string;
  /** Prefix for every Redis key of this run, so that runs never see each other's data. */
  redisPrefix?: string;
  /** 0 = a free port chosen by the system. */
  port: number;
}

export interface WorkerConfig extends HostConfig {
  port: number;
}

export const HOST_ENV = 'WSL_HOST_CONFIG';
export const WORKER_ENV = 'WSL_WORKER_CONFIG';

/** The response header that names the worker which served a request. */
export const WORKER_HEADER = 'x-worker-id';

/** `3`, or `h2.w3` when there are several hosts. */
export const workerLabel = (host: number, hosts: number, clusterId: number): string =>
  hosts > 1 ? `h${host}.w${clusterId}` : String(clusterId);

export interface WorkerInfo { id: string; pid: number }

export type PrimaryEvent =
  | { type: 'ready'; port: number; workers: WorkerInfo[] }
  | { type: 'failed'; reason: string }
  | { type: 'worker-exit'; id: string; code: number | null; signal: string | null; replaced: boolean };

export type PrimaryCommand = { type: 'stop' };

/** Sent by a worker to its primary when it cannot start (its app failed to build, its port is taken). */
export interface WorkerFailure { wsl: 'worker:failed'; reason: string }
export const isWorkerFailure = (m: unknown): m is WorkerFailure =>
  typeof m === 'object' && m !== null && (m as { wsl?: unknown }).wsl === 'worker:failed';
