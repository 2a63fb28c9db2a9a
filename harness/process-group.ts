// A command's process group, and everything about it that lives outside Node: the sh watchdog that
// leads the group and ends it when the harness dies, and what /proc says about its processes.
// Used by command-host.ts; only our own group, by its PGID.
import { readdirSync, readFileSync } from 'node:fs';
import { signal } from './processes.js';

const STOP_GRACE_MS = 3000;
// The watchdog: the command runs in the background of a shell that leads a new process group; a
// second job reads our pipe (fd 3) and, when it ends without us stopping the group first (this
// process was SIGKILLed), SIGTERMs the group, waits up to ~2 s for the server, then SIGKILLs the
// group, itself included. The shell reports the server's own exit, so a server that dies is noticed.
// Both shells ignore SIGTERM from their first line (the command gets the default back before its
// exec): stopGroup's SIGTERM to the group leaves the watchdog on guard through the grace time, in case
// we die then. Once the server has exited, the shell ends the watchdog with SIGHUP, unless it is
// already escalating (it ignores SIGHUP then), so that nothing of the group outlives the server.
// (`wait` to /dev/null: dash's "Terminated" would otherwise read as the server's last words.)
export const WATCHDOG = `trap '' TERM
exec 3<&0 </dev/null
(trap - TERM; exec "$@") 3<&- &
pid=$!
echo "wsl-command-pid $pid"
{ read line <&3; trap '' HUP; kill -TERM 0; i=0; while kill -0 $pid 2>/dev/null && [ $i -lt 40 ]; do sleep 0.05; i=$((i+1)); done; kill -KILL 0; } &
watchdog=$!
exec 3<&-
wait $pid 2>/dev/null
echo "wsl-command-exit $?"
kill -HUP $watchdog 2>/dev/null
wait`;
export const PID_LINE = /^wsl-command-pid (\d+)$/m;
export const EXIT_LINE = /^wsl-command-exit (\d+)$/m;

/** `pid`'s state, parent and process group from /proc, or undefined once it has gone (or is a zombie). */
export function procStat(pid: number): { ppid: number; pgrp: number } | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return fields[0] === 'Z' ? undefined : { ppid: Number(fields[1]), pgrp: Number(fields[2]) };
  } catch {
    return undefined;
  }
}
const groupMembers = (pgid: number): number[] =>
  readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number).filter((pid) => procStat(pid)?.pgrp === pgid);

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** SIGTERM to the whole group, SIGKILL to what is left after the grace time; resolves once nothing of it lives. */
export async function stopGroup(pgid: number): Promise<void> {
  signal(-pgid, 'SIGTERM');
  const end = Date.now() + STOP_GRACE_MS;
  while (groupMembers(pgid).length > 0 && Date.now() < end) await sleep(25);
  if (groupMembers(pgid).length > 0) signal(-pgid, 'SIGKILL');
  while (groupMembers(pgid).length > 0) await sleep(25);
}
