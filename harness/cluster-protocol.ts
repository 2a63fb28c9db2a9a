// What the three kinds of process say to each other: the harness (orchestrator), the cluster primary
// of each host, and its workers. Configuration travels in environment variables, events over IPC.
import type { StoreKind, StoreLatency } from './store/types.js';

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
  /** Fault: every store operation is delayed by a random time in this range (ms). */
  storeLatency?: StoreLatency;
  /** Fault: each worker leaves after serving this many requests, and a fresh one replaces it (gunicorn's --max-requests). */
  restartEvery?: number;
}

export interface WorkerConfig extends HostConfig {
  /** A spare: build the app, say STANDBY_READY, and listen only when told to TAKE_OVER. */
  standby?: boolean;
}

export const HOST_ENV = 'WSL_HOST_CONFIG';
export const WORKER_ENV = 'WSL_WORKER_CONFIG';

/** The response header that names the worker which served a request. */
export const WORKER_HEADER = 'x-worker-id';

/** `3`, or `h2.w3` when there are several hosts. */
export const workerLabel = (host: number, hosts: number, clusterId: number): string =>
  hosts > 1 ? `h${host}.w${clusterId}` : String(clusterId);

export interface WorkerInfo { id: string; pid: number }

/** Why a worker left while serving: it died, the harness killed it (a fault), or it retired (--restart-every). */
export type ExitReason = 'crashed' | 'killed' | 'retired';

export type PrimaryEvent =
  | { type: 'ready'; port: number; workers: WorkerInfo[] }
  | { type: 'failed'; reason: string }
  | { type: 'worker-exit'; id: string; code: number | null; signal: string | null; reason: ExitReason }
  /** Answer to `when-whole`: every worker slot is listening again, no replacement is pending. */
  | { type: 'whole' };

export type PrimaryCommand = { type: 'stop' } | { type: 'kill-worker' } | { type: 'when-whole' };

/** Between a worker and its primary: "I served my share, replace me", then "your replacement listens, leave". */
export const RETIRE = 'worker:retire';
export const LEAVE = 'worker:leave';
/** A spare worker, built in advance so that a retirement happens at once: "I am ready", then "listen now". */
export const STANDBY_READY = 'worker:standby-ready';
export const TAKE_OVER = 'worker:take-over';
export const isMessage = (m: unknown, wsl: string): boolean =>
  typeof m === 'object' && m !== null && (m as { wsl?: unknown }).wsl === wsl;

/** Sent by a worker to its primary when it cannot start (its app failed to build, its port is taken). */
export interface WorkerFailure { wsl: 'worker:failed'; reason: string }
export const isWorkerFailure = (m: unknown): m is WorkerFailure => isMessage(m, 'worker:failed');
