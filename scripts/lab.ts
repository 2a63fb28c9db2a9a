// `npm run lab [<lab>] [-- options]`: list the labs, or run one lab's matrix and say whether it
// matches the lab's expectation. The only place that reads argv, prints and exits.
import autocannon from 'autocannon';
import chalk from 'chalk';
import type { Lab } from '../harness/contract.js';
import { HarnessError } from '../harness/errors.js';
import { findMutants, runMutants, type MutantHooks } from '../harness/mutants.js';
import { matrixJson, mutantsJson, renderCell, renderLabList, renderMatrixHeader, renderMutants, renderSummary } from '../harness/report.js';
import { stopEverything } from '../harness/processes.js';
import { runMatrix, type RunHooks } from '../harness/run.js';
import { serveLab } from '../harness/serve.js';
import { catalog } from '../labs/index.js';
import { nearestName, parseLabArgs, UsageError, USAGE, type LabCommand } from './options.js';

/** 0 as expected; 1 a verdict differs (a fix regressed, a bug stopped showing, a mutant survived); 2 bad input or an environment that cannot run it; 3 a bug of the harness itself. */
const EXIT = { matches: 0, differs: 1, badInput: 2, internal: 3 } as const;

function findLab(name: string): Lab {
  const lab = catalog.find((l) => l.name === name);
  if (lab) return lab;
  const near = nearestName(name, catalog.map((l) => l.name));
  throw new UsageError(`unknown lab "${name}"${near ? `; did you mean ${near}?` : ''}`, renderLabList(catalog));
}

/** autocannon's progress bar on stderr, without its "Running ... test @ url" banner between our rows. */
function progressHooks(): RunHooks {
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

/** Serve one variant until Ctrl-C (or until its cluster stops on its own). */
async function serve(lab: Lab, { options }: LabCommand): Promise<number> {
  const variant = options.variants?.[0] ?? 'buggy';
  const { workers, hosts, redisUrl, port } = options;
  const storeLatency = options.storeLatency ?? undefined;
  const serving = await serveLab(lab, { variant, workers, hosts, store: options.stores?.[0], redisUrl, port, storeLatency });
  stopServing = serving.stop;
  const { cluster } = serving;
  console.log(`${chalk.bold(`${lab.name} · ${variant}`)} ${chalk.dim(`(${lab.variants[variant]!.summary}; store ${serving.store})`)}`);
  for (const host of cluster.hosts) {
    console.log(`  ${chalk.cyan(host.url)}  ${chalk.dim(`workers ${host.workers.map((w) => `${w.id} (pid ${w.pid})`).join(', ')}`)}`);
  }
  console.log(chalk.dim(`  data folder: ${serving.dataDir}`));
  if (serving.commands.length > 0) {
    console.log(`\nTry it (curl opens a new connection each time, so calls land on different workers; -i shows x-worker-id):`);
    for (const command of serving.commands) console.log(`  ${command}`);
  }
  console.log(chalk.dim(`\nCtrl-C stops it and everything it started. Lesson: labs/${lab.name}/README.md`));
  const reason = await cluster.died;
  // Not a verdict (1): the environment failed under us, as for a host that dies during a matrix run.
  console.error(`lab: ${reason}`);
  await serving.stop();
  return EXIT.badInput;
}

let stopServing: (() => Promise<void>) | undefined;
let stopping = false;

async function main(): Promise<number> {
  const command = parseLabArgs(process.argv.slice(2), process.env);
  if (command.command === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (command.command === 'list') {
    console.log(renderLabList(catalog));
    return 0;
  }
  const lab = findLab(command.lab!);
  if (command.command === 'serve') return serve(lab, command);
  if (command.mutants) return mutants(lab, command);
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
    if (stopServing) {
      // Serving ends with Ctrl-C: that is the normal way out.
      console.error(chalk.dim('\nstopping the workers (and anything else) serve started…'));
      void stopServing().finally(() => stopEverything()).finally(() => process.exit(0));
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
