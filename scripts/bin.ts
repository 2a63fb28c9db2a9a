#!/usr/bin/env node
// `npx worker-state-lab [<lab-or-folder>] [options]`: the installed package's command (package.json
// `bin`). It is `npm run lab` (scripts/lab.ts), with the same options, output and exit codes, and
// without npm's `--`: everything after the command is the command's own.
process.env.WORKER_STATE_LAB_COMMAND ??= 'npx worker-state-lab';
try {
  await import('./lab.js');
} catch (err) {
  // Loading the command itself failed (a built-in lab that cannot load): one line, as for any error of ours.
  console.error(`worker-state-lab: internal error: ${err instanceof Error ? err.message : String(err)} (set WSL_DEBUG=1 for the stack)`);
  if (process.env.WSL_DEBUG) console.error(err);
  process.exitCode = 3;
}
