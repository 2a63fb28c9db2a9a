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

/**
 * autocannon's progress bar on stderr, without its "Running ... test @ url" banner between our rows.
 * Cells that run side by side (watch mode, a lab whose cells wait) would share one line: then the
 * line names the cells running and how many are done, and no bar is drawn.
 */
export function progressHooks(sideBySide = false): RunHooks {
  if (!process.stderr.isTTY) return {};
  const line = (text: string): boolean => process.stderr.write(`\r\x1b[2K${text ? `  ${chalk.dim(text)}` : ''}`);
  const labelOf = (cell: { variant: string; hosts: number; workers: number }): string => `${cell.variant}@${cell.hosts > 1 ? `${cell.hosts}x` : ''}${cell.workers}`;
  if (sideBySide) {
    const running = new Map<number, string>();
    let done = 0;
    const show = (total: number): boolean => line(running.size ? `running ${[...running.values()].join(', ')} (${done}/${total} cells done)…` : '');
    return {
      onCellStart: (cell, i, total) => { running.set(i, labelOf(cell)); show(total); },
      // Cleared for the row the caller may print now; the cells still running are named again after it.
      onCellEnd: (_result, i, total) => {
        running.delete(i);
        done++;
        line('');
        if (running.size) setImmediate(() => show(total));
      },
    };
  }
  const quietStderr = Object.create(process.stderr, {
    write: { value: (chunk: string, ...rest: any[]) => (/^Running \d/.test(String(chunk)) ? true : process.stderr.write(chunk, ...rest)) },
  }) as NodeJS.WriteStream;
  let cellLabel = '';
  return {
    onCellStart: (cell, i, total) => {
      cellLabel = labelOf(cell);
      // Start-up takes a second: say what is happening until the load's progress bar replaces this line.
      line(`${cellLabel} starting ${cell.hosts * cell.workers} worker(s) (cell ${i + 1}/${total})…`);
    },
    onCellEnd: () => line(''),
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
