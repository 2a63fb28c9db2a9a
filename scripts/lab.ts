// `npm run lab [<lab>] [-- options]`: list the labs, or run one lab's matrix and say whether it
// matches the lab's expectation. The only place that reads argv, prints and exits.
import chalk from 'chalk';
import type { Lab } from '../harness/contract.js';
import { HarnessError } from '../harness/errors.js';
import { findMutants, runMutants, type MutantHooks } from '../harness/mutants.js';
import { mutantsJson, renderMutants } from '../harness/report-mutants.js';
import { matrixJson, renderCell, renderLabList, renderMatrixHeader, renderSummary } from '../harness/report.js';
import { stopEverything } from '../harness/processes.js';
import { runMatrix } from '../harness/run.js';
import { catalog } from '../labs/index.js';
import { hint, judgeMine, list, tryLab } from './exercise.js';
import { nearestName, parseLabArgs, UsageError, type LabCommand } from './options.js';
import { USAGE } from './usage.js';
import { serve } from './serve.js';
import { EXIT, interruptHandler, progressHooks } from './terminal.js';


function findLab(name: string): Lab {
  const lab = catalog.find((l) => l.name === name);
  if (lab) return lab;
  const near = nearestName(name, catalog.map((l) => l.name));
  throw new UsageError(`unknown lab "${name}"${near ? `; did you mean ${near}?` : ''}`, renderLabList(catalog));
}

let stopping = false;

async function main(): Promise<number> {
  const command = parseLabArgs(process.argv.slice(2), process.env);
  if (command.command === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (command.command === 'list') return list(catalog);
  const lab = findLab(command.lab!);
  if (command.command === 'serve') return serve(lab, command);
  if (command.command === 'hint') return hint(lab);
  if (command.command === 'try') return tryLab(lab, command, catalog);
  if (command.mutants) return mutants(lab, command);
  if (command.options.variants?.includes('mine')) return judgeMine(lab, command);
  const hooks = progressHooks();
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
  const result = await runMatrix(lab, command.options, hooks);
  console.log(command.json ? JSON.stringify(matrixJson(result), null, 2) : `\n${renderSummary(result)}`);
  return result.matches ? EXIT.matches : EXIT.differs;
}

/** `--mutants`: every plausible wrong fix of the lab in place of `fixed`; exit 0 when every one is rejected. */
async function mutants(lab: Lab, { options, json }: LabCommand): Promise<number> {
  let chosen = await findMutants(lab);
  const { variants: names, ...rest } = options;
  if (names) {
    const missing = names.find((v) => !chosen.some((m) => m.name === v));
    if (missing) throw new UsageError(`lab ${lab.name} has no mutant "${missing}" (it has ${chosen.map((m) => m.name).join(', ') || 'none'})`);
    chosen = chosen.filter((m) => names.includes(m.name));
  }
  const hooks: MutantHooks = progressHooks();
  const cellStart = hooks.onCellStart;
  let current = '';
  hooks.onMutantStart = (m, i, total) => { current = `${m.kind} ${i + 1}/${total} ${m.name}`; };
  if (cellStart) hooks.onCellStart = (cell, i, total) => cellStart({ ...cell, variant: current }, i, total);
  const result = await runMutants(lab, rest, hooks, chosen);
  console.log(json ? JSON.stringify(mutantsJson(result), null, 2) : renderMutants(lab, result));
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
