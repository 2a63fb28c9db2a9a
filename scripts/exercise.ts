// Exercise mode: a participant writes the fix in labs/<lab>/mine.ts and the harness judges it as it
// judges fixed.ts. `--variant mine` judges once; `try` re-judges on every save, with keys as in
// rustlings (h hint, r re-run, l labs, n next lab, x reset, q quit); `hint` prints the next hint.
import { watch, type FSWatcher } from 'node:fs';
import { dirname } from 'node:path';
import { emitKeypressEvents } from 'node:readline';
import chalk from 'chalk';
import type { Lab } from '../harness/contract.js';
import { Cancelled, HarnessError } from '../harness/errors.js';
import { judgeMine as judge, type Judgement } from '../harness/exercise.js';
import { createMine, MINE, minePath, resetMine, shownPath } from '../harness/mine.js';
import { stopEverything } from '../harness/processes.js';
import { loadProgress, nextHint, nextLab, toDo } from '../harness/progress.js';
import { lookAt, renderCell, renderLabList } from '../harness/report.js';
import type { MatrixResult } from '../harness/run.js';
import { UsageError, type LabCommand } from './options.js';
import { EXIT, progressHooks, whenInterrupted } from './terminal.js';

export async function list(labs: readonly Lab[]): Promise<number> {
  const progress = await loadProgress();
  console.log(renderLabList(labs, progress.done.length > 0 ? { done: progress.done, next: nextLab(labs, progress)?.name } : undefined));
  return EXIT.matches;
}

export async function hint(lab: Lab): Promise<number> {
  const shown = await nextHint(lab);
  if (!shown) {
    console.log(`${lab.name} has no hints; its lesson is labs/${lab.name}/README.md`);
    return EXIT.matches;
  }
  console.log(`${chalk.bold(`Hint ${shown.number} of ${shown.of}`)} for ${lab.name}: ${shown.hint}`);
  if (shown.number < shown.of) console.log(chalk.dim(`(the next one: npm run lab hint ${lab.name})`));
  return EXIT.matches;
}

/** A cell as watch mode shows it: its row and notes, one example, and what its code threw. */
const compactCell = (cell: MatrixResult['cells'][number]): string => renderCell(cell, { mostExamples: 1, counts: false });
const plain = (text: string): string => text.replace(/\x1b\[[0-9;]*m/g, '');

function verdictLines(lab: Lab, judgement: Judgement): string[] {
  if (!judgement.compiled) return [chalk.red(`✗ ${shownPath(minePath(lab))} does not compile:`), ...judgement.errors.map((e) => `  ${e}`)];
  const { cells } = judgement.result;
  const differing = cells.filter((c) => !c.matches);
  if (differing.length === 0) return [...cells.map(compactCell), '', chalk.green(`✓ your fix holds in all ${cells.length} cells: ${lab.name} is done.`)];
  return [
    ...cells.map(compactCell),
    '',
    chalk.red(`✗ not yet: ${differing.length} of ${cells.length} cells differ from what fixed.ts must show.`),
    `${chalk.bold('Look at:')} ${lookAt(differing[0]!.verdict)}`,
  ];
}

/** `npm run lab -- <lab> --variant mine`: judge mine.ts once; 0 fixed, 1 not yet, 2 broken. */
export async function judgeMine(lab: Lab, { options }: LabCommand): Promise<number> {
  if ((options.variants?.length ?? 0) > 1) throw new UsageError('--variant mine runs alone: your fix is judged in the cells of fixed');
  const judgement = await judge(lab, options, { hooks: progressHooks(Boolean(lab.cellsWait)) });
  const lines = verdictLines(lab, judgement);
  if (!judgement.compiled) {
    console.error(`lab: ${plain(lines[0]!).slice(2)}`);
    for (const line of lines.slice(1)) console.error(line);
    return EXIT.badInput;
  }
  console.log([`${chalk.bold(lab.name)} ${chalk.dim('·')} your fix, judged as fixed.ts is`, ...lines].join('\n'));
  return judgement.result.matches ? EXIT.matches : EXIT.differs;
}

const KEYS = chalk.dim('keys: h hint · r re-run · l labs · n next lab · x reset mine.ts to buggy.ts · q quit');

/** `npm run lab try <lab>`: create mine.ts if needed, judge it on every save, until q or Ctrl-C. */
export async function tryLab(first: Lab, { options }: LabCommand, labs: readonly Lab[]): Promise<number> {
  const tty = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  let lab = first;
  let watcher: FSWatcher | undefined;
  let controller: AbortController | undefined;
  let running: Promise<void> = Promise.resolve();
  let debounce: NodeJS.Timeout | undefined;
  let confirmingReset = false;
  /** The next save is our own (x, y): keep saying what we did through the judgement it starts. */
  let keepNotes = false;
  let notes: string[] = [];
  let last: string[] = [];

  const draw = (body: string[]): void => {
    last = body;
    const head = `${chalk.bold(lab.name)} ${chalk.dim('·')} your fix: ${chalk.cyan(shownPath(minePath(lab)))} ${chalk.dim(`(lesson: labs/${lab.name}/README.md)`)}`;
    const screen = [head, '', ...body, ...(notes.length > 0 ? ['', ...notes] : []), ...(tty ? ['', KEYS] : [])].join('\n');
    process.stdout.write(tty ? `\x1b[2J\x1b[H${screen}\n` : `${screen}\n\n`);
  };

  const judgeNow = (): void => {
    controller?.abort();
    const mine = new AbortController();
    controller = mine;
    running = running.then(async () => {
      if (mine.signal.aborted) return;
      draw([chalk.dim(`judging… (${new Date().toLocaleTimeString('en-GB')})`)]);
      try {
        draw(verdictLines(lab, await judge(lab, options, { signal: mine.signal, parallel: true })));
      } catch (err) {
        if (err instanceof Cancelled) return;
        if (!(err instanceof HarnessError)) throw err;
        // The app did not start (an exception while it was built): the worker's message and where in mine.ts.
        draw([chalk.red(`✗ ${err.message}`), `${chalk.bold('Look at:')} the line it names in ${shownPath(minePath(lab))}; save to try again.`]);
      }
    });
  };

  const start = async (next: Lab): Promise<void> => {
    lab = next;
    notes = [];
    if (await createMine(lab)) notes.push(chalk.dim(`Created ${shownPath(minePath(lab))} from buggy.ts: open it in your editor, fix it, save.`));
    watcher?.close();
    // The folder, not the file: editors save by writing a new file and renaming it over the old one.
    watcher = watch(dirname(minePath(lab)), (_event, file) => {
      if (file !== `${MINE}.ts`) return;
      clearTimeout(debounce);
      debounce = setTimeout(() => {
        if (!keepNotes) notes = []; // what was said before this save is old news
        keepNotes = false;
        judgeNow();
      }, 150);
    });
    judgeNow();
  };

  return new Promise<number>((resolve, reject) => {
    const quit = async (): Promise<void> => {
      watcher?.close();
      clearTimeout(debounce);
      controller?.abort();
      await running.catch(() => undefined);
      await stopEverything();
      if (tty) process.stdin.setRawMode(false);
      process.stdin.pause();
      resolve(EXIT.matches);
    };
    whenInterrupted('stopping the watch and everything it started…', quit);
    const onKey = async (key: string): Promise<void> => {
      if (confirmingReset) {
        confirmingReset = false;
        notes = key === 'y' ? [chalk.yellow('mine.ts is buggy.ts again (your last version: mine.ts.bak).')] : [chalk.dim('kept your mine.ts.')];
        if (key === 'y') {
          keepNotes = true;
          await resetMine(lab); // the watcher re-judges it
        }
        else draw(last);
        return;
      }
      if (key === 'q') return quit();
      if (key === 'r') return judgeNow();
      if (key === 'h') {
        const shown = await nextHint(lab);
        notes = [shown ? `${chalk.bold(`Hint ${shown.number} of ${shown.of}:`)} ${shown.hint}` : chalk.dim('this lab has no hints')];
      } else if (key === 'l') {
        const progress = await loadProgress();
        notes = [renderLabList(labs, { done: progress.done, next: nextLab(labs, progress)?.name })];
      } else if (key === 'n') {
        const progress = await loadProgress();
        const next = labs.slice(labs.indexOf(lab) + 1).find((l) => toDo(l, progress)) ?? nextLab(labs, progress);
        if (next && next !== lab) return start(next);
        notes = [chalk.green('no other lab left to do.')];
      } else if (key === 'x') {
        confirmingReset = true;
        notes = [chalk.yellow('Put buggy.ts back into mine.ts? Your version is kept as mine.ts.bak. y to confirm, any other key to keep it.')];
      } else return;
      draw(last);
    };
    if (tty) {
      emitKeypressEvents(process.stdin);
      process.stdin.setRawMode(true);
      process.stdin.on('keypress', (text: string | undefined, key: { name?: string; ctrl?: boolean }) => {
        if (key?.ctrl && key.name === 'c') return void quit();
        void onKey(text ?? key?.name ?? '').catch(reject);
      });
    }
    start(first).catch(reject);
  });
}
