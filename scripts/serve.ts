// `npm run lab serve <lab>`: one variant kept running for a live workshop, until Ctrl-C.
import chalk from 'chalk';
import { WORKER_HEADER } from '../harness/cluster-protocol.js';
import type { Lab } from '../harness/contract.js';
import { serveLab } from '../harness/serve.js';
import type { LabCommand } from './options.js';
import { EXIT, whenInterrupted } from './terminal.js';

/** Serve one variant until Ctrl-C (or until its cluster stops on its own). */
export async function serve(lab: Lab, { options }: LabCommand): Promise<number> {
  const variant = options.variants?.[0] ?? 'buggy';
  const { workers, hosts, redisUrl, port } = options;
  const storeLatency = options.storeLatency ?? undefined;
  const serving = await serveLab(lab, { variant, workers, hosts, store: options.stores?.[0], redisUrl, port, storeLatency, live: true });
  whenInterrupted('stopping the workers (and anything else) serve started…', serving.stop);
  const { cluster } = serving;
  console.log(`${chalk.bold(`${lab.name} · ${variant}`)} ${chalk.dim(`(${lab.variants[variant]!.summary}; store ${serving.store})`)}`);
  for (const host of cluster.hosts) {
    console.log(`  ${chalk.cyan(host.url)}  ${chalk.dim(`workers ${host.workers.map((w) => `${w.id} (pid ${w.pid})`).join(', ')}`)}`);
  }
  console.log(chalk.dim(`  data folder: ${serving.dataDir}`));
  if (serving.live) {
    console.log(`  live page: ${chalk.cyan(serving.live.pageUrl)}  ${chalk.dim(`(draws every request sent to ${serving.live.url}, which passes it on to the workers; the commands below use it)`)}`);
  }
  if (serving.commands.length > 0) {
    // A command variant names its worker in a header of its own, or in none.
    const command = lab.variants[variant]!.command;
    const header = command ? command.workerHeader : WORKER_HEADER;
    console.log(`\nTry it (curl opens a new connection each time, so calls land on different workers${header ? `; -i shows ${header}` : ''}):`);
    for (const command of serving.commands) console.log(`  ${command}`);
  }
  console.log(chalk.dim(`\nCtrl-C stops it and everything it started. Lesson: labs/${lab.name}/README.md`));
  const reason = await cluster.died;
  // Not a verdict (1): the environment failed under us, as for a host that dies during a matrix run.
  console.error(`lab: ${reason}`);
  await serving.stop();
  return EXIT.badInput;
}

