// Runs `npm run lab` the way a user or CI does, as a child process, and finds the processes it left.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isAlive } from './http.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TAG_VAR = 'WSL_TEST_TAG';

export interface CliRun { code: number | null; signal: string | null; stdout: string; stderr: string; tag: string; pid: number }

export interface CliOptions {
  env?: Record<string, string>;
  /** Called once the process has started (to send it signals), with the tag its processes carry. */
  started?: (pid: number, tag: string) => void;
  /** Start it as the leader of a new process group, as a shell does for a foreground job. */
  groupLeader?: boolean;
  /** Called with all of stdout so far, whenever more arrives. */
  onStdout?: (stdout: string) => void;
}

/** Runs `node --import tsx scripts/lab.ts ...args` (what `npm run lab --` runs) with a tag in its environment. */
export function runLab(args: string[], options: CliOptions = {}): Promise<CliRun> {
  const tag = randomUUID();
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/lab.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...options.env, [TAG_VAR]: tag, FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.groupLeader ?? false,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => {
    stdout += c;
    options.onStdout?.(stdout);
  });
  child.stderr.on('data', (c) => { stderr += c; });
  options.started?.(child.pid!, tag);
  return new Promise((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr, tag, pid: child.pid! }));
  });
}

/** The PIDs among `pids` whose command line mentions `word` (cluster-primary, cluster-worker, redis-server). */
export function withCommand(pids: number[], word: string): number[] {
  return pids.filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(word);
    } catch {
      return false;
    }
  });
}

/** PIDs of live processes whose environment carries the tag: everything a run started, and nothing else. */
export function processesTagged(tag: string): number[] {
  const needle = `${TAG_VAR}=${tag}`;
  return readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(needle) && isAlive(pid);
    } catch {
      return false;
    }
  });
}
