// What every command of `npm run lab` shares: exit codes, the progress line on a terminal, and what
// Ctrl-C does (stop everything the run started; for the commands that run until Ctrl-C, that is the
// normal way out).
import autocannon from 'autocannon';
import chalk from 'chalk';
import type { RunHooks } from '../harness/run.js';

/** 0 as expected; 1 a verdict differs (a fix regressed, a bug stopped showing, a mutant survived); 2 bad input or an environment that cannot run it; 3 a bug of the harness itself. */
export const EXIT = { matches: 0, differs: 1, badInput: 2, internal: 3 } as const;

/** For a command that runs until Ctrl-C (serve, try): how it stops, with exit code 0. */
let stopOnInterrupt: { stop: () => Promise<void>; saying: string } | undefined;
export function whenInterrupted(saying: string, stop: () => Promise<void>): void {
  stopOnInterrupt = { stop, saying };
}
export const interruptHandler = (): typeof stopOnInterrupt => stopOnInterrupt;

/** autocannon's progress bar on stderr, without its "Running ... test @ url" banner between our rows. */
export function progressHooks(): RunHooks {
  if (!process.stderr.isTTY) return {};
  const quietStderr = Object.create(process.stderr, {
    write: { value: (chunk: string, ...rest: any[]) => (/^Running \d/.test(String(chunk)) ? true : process.stderr.write(chunk, ...rest)) },
  }) as NodeJS.WriteStream;
  let cellLabel = '';
  return {
    onCellStart: (cell, i, total) => {
      cellLabel = `${cell.variant}@${cell.hosts > 1 ? `${cell.hosts}x` : ''}${cell.workers}`;
      // Start-up takes a second: say what is happening until the load's progress bar replaces this line.
      process.stderr.write(`\r\x1b[2K  ${chalk.dim(`${cellLabel} starting ${cell.hosts * cell.workers} worker(s) (cell ${i + 1}/${total})…`)}`);
    },
    onCellEnd: () => process.stderr.write('\r\x1b[2K'),
    onLoad: (instance, step) => {
      autocannon.track(instance, {
        outputStream: quietStderr,
        renderResultsTable: false,
        renderLatencyTable: false,
        progressBarString: `  ${chalk.dim(`${cellLabel} ${step.label}`)} [:bar] :percent`,
      } as autocannon.TrackingOptions);
    },
  };
}

