// Every process the harness started and has not seen exit yet (cluster primaries, redis-servers), in
// one registry: stopEverything() stops them all (Ctrl-C, failures), and one exit hook SIGTERMs what is
// left when this process exits without stopping them (an uncaught error, process.exit). Only our own
// processes, by PID. Nothing outlives the command that started it.
import type { ChildProcess } from 'node:child_process';

export interface Tracked {
  /** Stops the process and resolves once it has exited. */
  stop(): Promise<void>;
  /** The PID to SIGTERM from the exit hook (undefined while not known yet). */
  pid(): number | undefined;
}

const live = new Set<Tracked>();
let exitHookInstalled = false;

/** Sends `name` to our own process `pid`; one that has exited already is no error. */
export function signal(pid: number, name: NodeJS.Signals): void {
  try { process.kill(pid, name); } catch { /* it has exited already */ }
}

/** Keeps `entry` until `child` exits. */
export function track(child: ChildProcess, entry: Tracked): void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const tracked of live) {
        const pid = tracked.pid();
        if (pid) signal(pid, 'SIGTERM');
      }
    });
  }
  live.add(entry);
  child.once('exit', () => live.delete(entry));
}

/** Stops every process the harness started: for Ctrl-C and other emergencies. */
export async function stopEverything(): Promise<void> {
  await Promise.all([...live].map((tracked) => tracked.stop()));
}
