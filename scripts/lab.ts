// `npm run lab [<lab>] [-- options]`: list the labs, or run one lab's matrix and say whether it
// matches the lab's expectation. The only place that reads argv, prints and exits.
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import chalk from 'chalk';
import type { Lab } from '../harness/contract.js';
import { HarnessError } from '../harness/errors.js';
import { junitErrorXml, junitMutantsXml, junitXml } from '../harness/junit.js';
import { isLabPath, loadLabFolder } from '../harness/lab-folder.js';
import { hasExerciseMode } from '../harness/mine.js';
import { sourcePathOf } from '../harness/runtime.js';
import { findMutants, runMutants, type MutantHooks } from '../harness/mutants.js';
import { mutantsJson, renderMutants } from '../harness/report-mutants.js';
import { matrixJson, renderCell, renderLabList, renderMatrixHeader, renderSummary } from '../harness/report.js';
import { stopEverything } from '../harness/processes.js';
import { renderReport } from '../harness/html/page.js';
import { runMatrix, type CellResult } from '../harness/run.js';
import { catalog } from '../labs/index.js';
import { hint, judgeMine, list, tryLab } from './exercise.js';
import { nearestName, parseLabArgs, UsageError, type LabCommand } from './options.js';
import { USAGE } from './usage.js';
import { serve } from './serve.js';
import { EXIT, interruptHandler, progressHooks } from './terminal.js';


/** A catalog lab by name, or a lab folder by path (`./ci/lab`, or a folder's bare name that no catalog lab has). */
async function findLab(name: string): Promise<Lab> {
  const lab = catalog.find((l) => l.name === name);
  if (lab) return lab;
  if (isLabPath(name) || (existsSync(name) && statSync(name).isDirectory())) return loadLabFolder(name);
  const near = nearestName(name, catalog.map((l) => l.name));
  throw new UsageError(`unknown lab "${name}"${near ? `; did you mean ${near}?` : ''}`, renderLabList(catalog));
}

let stopping = false;
/** Where --junit writes, so that a run that fails before its matrix still leaves a report saying why. */
let junitTarget: { file: string; lab: string } | undefined;

async function writeJunit(file: string, xml: string): Promise<void> {
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, xml);
  } catch (err) {
    junitTarget = undefined;
    throw new HarnessError(`cannot write the --junit file ${file}: ${(err as Error).message}`);
  }
}

/** --html: every cell drawn into one self-contained page; one line says where (on stderr with --json, whose stdout is the JSON). */
async function writeHtml(command: LabCommand, lab: Lab, cells: CellResult[], matches: boolean, durationMs: number): Promise<void> {
  const file = command.html!;
  const quote = (a: string): string => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replaceAll("'", "'\\''")}'`);
  const args = process.argv.slice(2).map(quote);
  const { requests, connections, restartEvery, killWorker } = command.options;
  // The installed package's command (scripts/bin.ts) takes the same words, without npm's `--`.
  const program = process.env.WORKER_STATE_LAB_COMMAND ?? 'npm run lab --';
  const html = renderReport({ lab, cells, matches, durationMs, command: `${program} ${args.join(' ')}`, runs: `${program} ${quote(command.lab!)}`, options: { requests, connections, restartEvery, killWorker, mutants: command.mutants }, generatedAt: new Date().toISOString() });
  try {
    await writeFile(file, html);
  } catch (err) {
    throw new HarnessError(`cannot write the --html file ${file}: ${(err as Error).message}`);
  }
  (command.json ? console.error : console.log)(`report: ${file} (${Math.round(Buffer.byteLength(html) / 1024)} kB)`);
}

/** Exercise mode writes and compiles labs/<lab>/mine.ts next to the lab's TypeScript sources: a clone of the repository has them. */
function exerciseNeedsSources(lab: Lab, what: string): void {
  if (existsSync(join(sourcePathOf(lab.folder), 'index.ts')) && catalog.includes(lab)) return;
  throw new UsageError(catalog.includes(lab)
    ? `${what} needs the labs' sources: clone the worker-state-lab repository, npm install, then npm run lab try ${lab.name}`
    : `${what} is for the built-in labs; a lab folder runs its own variants (and its mutants/ with --mutants)`);
}

async function main(): Promise<number> {
  const command = parseLabArgs(process.argv.slice(2), process.env);
  if (command.command === 'help') {
    // The installed package's command (scripts/bin.ts) takes the same words and options, without npm's `--`.
    const bin = process.env.WORKER_STATE_LAB_COMMAND;
    if (bin) console.log(`${bin} [<lab> | ./path/to/lab] [options]: read "${bin}" wherever this says "npm run lab" or "npm run lab --".\n`);
    console.log(USAGE);
    return 0;
  }
  if (command.command === 'list') return list(catalog);
  if (command.junit) junitTarget = { file: command.junit, lab: command.lab! };
  const lab = await findLab(command.lab!);
  if (command.command === 'try' || command.options.variants?.includes('mine')) exerciseNeedsSources(lab, command.command === 'try' ? 'try' : '--variant mine');
  if (command.command === 'serve') return serve(lab, command);
  if (command.command === 'hint') return hint(lab);
  // Try mode edits and judges TypeScript: a lab whose variants are commands (Python...) says how instead.
  if (!hasExerciseMode(lab) && (command.command === 'try' || command.options.variants?.includes('mine'))) {
    throw new UsageError(`${lab.name}'s variants are commands, not TypeScript: write your fix as labs/${lab.name}/mutants/mine.* with the first line "# CORRECT: <why it holds>", and run --mutants (see "Your turn" in labs/${lab.name}/README.md)`);
  }
  if (command.command === 'try') return tryLab(lab, command, catalog);
  if (command.mutants) return mutants(lab, command);
  if (command.options.variants?.includes('mine')) return judgeMine(lab, command);
  const hooks = progressHooks(Boolean(lab.cellsWait));
  if (!command.json) {
    // Rows appear as their cells finish, so that a workshop sees the matrix fill in. The header waits
    // for the first row: a run that cannot start (a taken port) prints one line and nothing else.
    const clearLine = hooks.onCellEnd;
    hooks.onCellEnd = (cell, i, total) => {
      clearLine?.(cell, i, total);
      if (i === 0) console.log(renderMatrixHeader(lab));
      console.log(renderCell(cell));
    };
  }
  const started = new Date();
  if (command.html) hooks.picture = true;
  const result = await runMatrix(lab, command.options, hooks);
  if (command.junit) await writeJunit(command.junit, junitXml([result], { timestamp: started, hostname: hostname() }));
  console.log(command.json ? JSON.stringify(matrixJson(result), null, 2) : `\n${renderSummary(result)}`);
  if (command.html) await writeHtml(command, lab, result.cells, result.matches, result.durationMs);
  return result.matches ? EXIT.matches : EXIT.differs;
}

/** `--mutants`: every plausible wrong fix of the lab in place of `fixed`; exit 0 when every one is rejected. */
async function mutants(lab: Lab, command: LabCommand): Promise<number> {
  const { options, json } = command;
  let chosen = await findMutants(lab);
  const { variants: names, ...rest } = options;
  if (names) {
    const missing = names.find((v) => !chosen.some((m) => m.name === v));
    if (missing) throw new UsageError(`lab ${lab.name} has no mutant "${missing}" (it has ${chosen.map((m) => m.name).join(', ') || 'none'})`);
    chosen = chosen.filter((m) => names.includes(m.name));
  }
  const hooks: MutantHooks = progressHooks(Boolean(lab.cellsWait));
  const cellStart = hooks.onCellStart;
  let current = '';
  hooks.onMutantStart = (m, i, total) => { current = `${m.kind} ${i + 1}/${total} ${m.name}`; };
  if (cellStart) hooks.onCellStart = (cell, i, total) => cellStart({ ...cell, variant: current }, i, total);
  if (command.html) hooks.picture = true;
  const started = new Date();
  const result = await runMutants(lab, rest, hooks, chosen);
  if (command.junit) await writeJunit(command.junit, junitMutantsXml(result, { timestamp: started, hostname: hostname() }));
  console.log(json ? JSON.stringify(mutantsJson(result), null, 2) : renderMutants(lab, result));
  if (command.html) await writeHtml(command, lab, result.mutants.flatMap((m) => m.cells), result.passes, result.durationMs);
  return result.passes ? EXIT.matches : EXIT.differs;
}

for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    const handler = interruptHandler();
    if (handler) {
      // serve and try run until Ctrl-C: that is the normal way out.
      console.error(chalk.dim(`\n${handler.saying}`));
      void handler.stop().finally(() => stopEverything()).finally(() => process.exit(0));
      return;
    }
    console.error(chalk.yellow(`\n${signal === 'SIGINT' ? 'interrupted' : 'terminated'}: stopping every worker (and redis-server) this run started`));
    void stopEverything().finally(() => process.exit(code));
  });
}

main().then(
  (code) => { process.exitCode = code; },
  async (err: unknown) => {
    await stopEverything();
    if (junitTarget) {
      try {
        mkdirSync(dirname(junitTarget.file), { recursive: true });
        writeFileSync(junitTarget.file, junitErrorXml(junitTarget.lab, err instanceof Error ? err.message : String(err), { timestamp: new Date(), hostname: hostname() }));
      } catch {
        // the error below is what matters; a report that cannot be written changes nothing about it
      }
    }
    if (err instanceof UsageError || err instanceof HarnessError) {
      console.error(`lab: ${err.message}`);
      if (err instanceof UsageError && err.details) console.error(err.details);
      process.exitCode = EXIT.badInput;
    } else {
      // Our own bug, not the user's: still one line, with a way to see more.
      console.error(`lab: internal error: ${err instanceof Error ? err.message : String(err)} (set WSL_DEBUG=1 for the stack)`);
      if (process.env.WSL_DEBUG) console.error(err);
      process.exitCode = EXIT.internal;
    }
  },
);
