// `npm run bench`: speed figures measured in one run on this machine, printed as a table and written
// as JSON (bench-results/latest.json). Ratios, not absolute numbers, are what compare across machines.
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import chalk from 'chalk';
import { parseArgv } from 'zx';
import { matrixTime, recordingOverhead, saveToVerdict, throughput, type MatrixTime } from '../harness/bench.js';
import { findRedisServer, startRedisServer, type RedisServer } from '../harness/redis-server.js';
import { stopEverything } from '../harness/processes.js';
import { runMutants, type MutantsResult } from '../harness/mutants.js';
import { hasExerciseMode } from '../harness/mine.js';
import { catalog } from '../labs/index.js';

const args = parseArgv(process.argv.slice(2), { boolean: ['quick', 'help'], string: ['runs', 'trials', 'requests', 'labs'] });
if (args.help) {
  console.log(`Usage: npm run bench [-- --quick] [-- --runs 5 --trials 3 --requests 10000 --labs a,b]
  --runs R       full matrices per lab, the median is reported (default 5)
  --trials T     throughput runs per variant, the median is reported (default 3)
  --requests M   requests per throughput run (default 10000)
  --labs a,b     only these labs' matrix times (default: every lab)
  --quick        1 run, 1 trial, 4000 requests: a smoke test of the bench itself`);
  process.exit(0);
}
const int = (raw: unknown, fallback: number): number => (raw === undefined ? fallback : Math.max(1, Number.parseInt(String(raw), 10) || fallback));
const runs = args.quick ? 1 : int(args.runs, 5);
const trials = args.quick ? 1 : int(args.trials, 3);
const requests = args.quick ? 4000 : int(args.requests, 10_000);
const WORKERS = 4;
const TARGETS = { primaryRatio: 0.7, redisRatio: 0.6, overhead: 0.1, matrixMs: 6000, saveToVerdictMs: 3000 };
const labsForMatrix = args.labs ? catalog.filter((l) => String(args.labs).split(',').includes(l.name)) : catalog;

const fmt = (x: number): string => Math.round(x).toLocaleString('en-US');
const verdict = (ok: boolean): string => (ok ? chalk.green('✓') : chalk.red('✗ missed'));
const say = (line = ''): void => console.log(line);
const progress = (text: string): void => { if (process.stderr.isTTY) process.stderr.write(`\r\x1b[2K${chalk.dim(text)}`); };

process.on('SIGINT', () => void stopEverything().finally(() => process.exit(130)));

async function main(): Promise<void> {
  const started = Date.now();
  let redis: RedisServer | undefined;
  const redisUrl = process.env.REDIS_URL ?? (findRedisServer() ? (redis = await startRedisServer()).url : undefined);
  const report: Record<string, unknown> = { date: new Date().toISOString(), node: process.version, cpus: cpus().length, workers: WORKERS, requests, trials, runs, targets: TARGETS };
  try {
    // 1. Throughput: what the fix costs.
    const throughputRows = [];
    for (const name of ['per-worker-counter', 'global-list']) {
      const lab = catalog.find((l) => l.name === name)!;
      const options = { workers: WORKERS, requests, trials, ...(redisUrl && { redisUrl }) };
      progress(`${name}: throughput of buggy, fixed/primary${redisUrl ? ', fixed/redis' : ''}…`);
      const buggy = await throughput(lab, 'buggy', 'none', options);
      const primary = await throughput(lab, 'fixed', 'primary', options);
      const redisRps = redisUrl ? await throughput(lab, 'fixed', 'redis', options) : undefined;
      throughputRows.push({ lab: name, buggy, fixedPrimary: primary, fixedRedis: redisRps, primaryRatio: primary / buggy, redisRatio: redisRps === undefined ? undefined : redisRps / buggy });
    }
    report.throughput = throughputRows;

    // 2. What recording the history costs.
    progress('harness overhead: bare autocannon vs the harness…');
    const overhead = await recordingOverhead(catalog.find((l) => l.name === 'per-worker-counter')!, 'fixed', { workers: WORKERS, requests, connections: 20, trials });
    report.overhead = overhead;

    // 3. One full matrix per lab, and its mutation score: how many plausible wrong fixes that matrix rejects.
    const matrices: Array<{ lab: string; mutants: Pick<MutantsResult, 'killed' | 'total' | 'correctOk' | 'correct' | 'durationMs'> } & MatrixTime> = [];
    for (const lab of labsForMatrix) {
      progress(`${lab.name}: ${runs} full matrices…`);
      const time = await matrixTime(lab, runs);
      progress(`${lab.name}: its mutants…`);
      const { killed, total, correctOk, correct, durationMs } = await runMutants(lab, { workers: WORKERS });
      matrices.push({ lab: lab.name, ...time, mutants: { killed, total, correctOk, correct, durationMs } });
    }
    report.matrices = matrices;

    // 4. Exercise mode: how long a participant waits from saving mine.ts to its verdict (watch mode).
    const answers: Array<{ lab: string; ms: number }> = [];
    for (const lab of labsForMatrix.filter(hasExerciseMode)) {
      progress(`${lab.name}: save → verdict of mine.ts…`);
      answers.push({ lab: lab.name, ms: await saveToVerdict(lab, Math.min(runs, 3)) });
    }
    report.saveToVerdict = answers;
    progress('');
    if (process.stderr.isTTY) process.stderr.write('\r\x1b[2K');

    say(chalk.bold(`Throughput at ${WORKERS} workers`) + chalk.dim(` (req/s, median of ${trials} x ${fmt(requests)} requests, ${cpus().length} cores, Node ${process.version})`));
    say(chalk.dim('  lab                  buggy  fixed/primary  ratio (≥0.70)  fixed/redis  ratio (≥0.60)'));
    for (const r of throughputRows) {
      const redisCells = r.fixedRedis === undefined ? chalk.dim('   (no redis-server)')
        : `${fmt(r.fixedRedis).padStart(11)}  ${r.redisRatio!.toFixed(2).padStart(5)} ${verdict(r.redisRatio! >= TARGETS.redisRatio)}`;
      say(`  ${r.lab.padEnd(18)} ${fmt(r.buggy).padStart(7)}  ${fmt(r.fixedPrimary).padStart(13)}  ${r.primaryRatio.toFixed(2).padStart(5)} ${verdict(r.primaryRatio >= TARGETS.primaryRatio)}      ${redisCells}`);
    }
    say();
    say(chalk.bold('Harness overhead') + chalk.dim(` (per-worker-counter fixed, ${WORKERS} workers, ${fmt(requests)} requests, median of ${trials})`));
    say(`  bare autocannon ${fmt(overhead.bare)} req/s · harness, recording every request ${fmt(overhead.harness)} req/s · overhead ${(overhead.overhead * 100).toFixed(1)}% (≤10%) ${verdict(overhead.overhead <= TARGETS.overhead)}`);
    say();
    say(chalk.bold('One full matrix per lab') + chalk.dim(` (median of ${runs}; seconds; variants x {1, ${WORKERS}} workers, + a latency cell per store variant)`));
    say(chalk.dim('  lab                  cells  total (≤6)    start-up  load   reads  stop  other   mutants killed  correct ok  (mutants run)'));
    const s = (ms: number) => (ms / 1000).toFixed(2).padStart(5);
    for (const m of matrices) {
      const { killed, total, correctOk, correct, durationMs } = m.mutants;
      const score = `${String(killed).padStart(2)} of ${String(total).padEnd(2)} ${verdict(killed === total)}`;
      say(`  ${m.lab.padEnd(18)} ${String(m.cells).padStart(6)}  ${s(m.totalMs)} ${verdict(m.totalMs <= TARGETS.matrixMs).padEnd(10)}  ${s(m.startMs)}  ${s(m.loadMs)}  ${s(m.readsMs)}  ${s(m.stopMs)}  ${s(m.otherMs)}   ${score.padEnd(14)}  ${`${correctOk} of ${correct}`.padEnd(10)}  ${s(durationMs)} s`);
    }
    say();
    say(chalk.bold('Exercise mode: save → verdict') + chalk.dim(` (mine.ts = fixed.ts, cells side by side as watch mode runs them, median of ${Math.min(runs, 3)}; seconds)`));
    for (const a of answers) say(`  ${a.lab.padEnd(18)} ${s(a.ms)} ${verdict(a.ms <= TARGETS.saveToVerdictMs)} ${chalk.dim('(≤3)')}`);
    report.durationMs = Date.now() - started;
    await mkdir('bench-results', { recursive: true });
    await writeFile('bench-results/latest.json', `${JSON.stringify(report, null, 2)}\n`);
    say();
    say(chalk.dim(`bench took ${((Date.now() - started) / 1000).toFixed(0)} s; written to bench-results/latest.json`));
  } finally {
    await redis?.stop();
  }
}

main().catch(async (err: unknown) => {
  await stopEverything();
  console.error(`bench: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 2;
});
