// A cell's result from what its run left behind (the history, the steps' timings, the workers that
// left): judged by the lab's checker, compared with the lab's expectation, counted. Pure, so that it
// is tested on hand-made runs; run.ts does the part with processes.
import type { CellKey, CheckResult, Lab, Verdict } from './contract.js';
import type { WorkerExit } from './cluster.js';
import { spreadOf, type History } from './history.js';
import type { StepTiming } from './load.js';
import type { CellPicture } from './html/picture.js';

export interface CellTiming { startMs: number; loadMs: number; readsMs: number; stopMs: number; totalMs: number }

export interface CellResult extends CellKey, CheckResult {
  expected: Verdict;
  matches: boolean;
  /** HTTP requests sent (load and reads). */
  requests: number;
  /** Requests answered 2xx. */
  acknowledged: number;
  /** Requests answered 4xx or refused (definitely not done), and requests without a clear answer (indeterminate). */
  failed: number;
  /** Of the failed ones, those where the scenario expected a 4xx (a read after logout, say). */
  expectedFailures: number;
  indeterminate: number;
  /** Responses served by each worker. */
  spread: Record<string, number>;
  /** Workers that left while serving, by reason; each was replaced. */
  exits: { crashed: number; killed: number; retired: number };
  /** What the lab's code threw while serving (answered 500), as its workers logged it: the first few. */
  serverErrors: string[];
  /** Throughput of the concurrent load steps. */
  reqPerSec: number;
  timing: CellTiming;
  /** With --repeat: how many runs, how many gave each verdict, and whether the verdict varied. */
  runs: number;
  verdicts: Partial<Record<Verdict, number>>;
  flaky: boolean;
  /** A sample of the history to draw, only when the run was asked for one (RunHooks.picture, --html). */
  picture?: CellPicture;
}

/** What a cell's run leaves to judge: the history, each step's time, the workers that left, and the run's phases (ms). */
export interface CellRun {
  history: History;
  steps: StepTiming[];
  exits: WorkerExit[];
  /** What the lab's code threw while serving, as the workers logged it (the first few). */
  serverErrors?: string[];
  startMs: number;
  stopMs: number;
  totalMs: number;
}

/** A checker that throws says `unknown`, never crashes the run (as Jepsen's checkers do). */
function judge(lab: Pick<Lab, 'checker'>, history: History): CheckResult {
  try {
    return lab.checker(history);
  } catch (err) {
    return { verdict: 'unknown', anomalies: [], counts: {}, examples: [`the checker failed: ${err instanceof Error ? err.message : String(err)}`] };
  }
}

export function summarize(lab: Pick<Lab, 'checker' | 'expected'>, cell: CellKey, run: CellRun): CellResult {
  const result = judge(lab, run.history);
  const expected = lab.expected(cell);
  const tally = { requests: 0, acknowledged: 0, failed: 0, expectedFailures: 0, indeterminate: 0 };
  for (const op of run.history) {
    if (op.outside) continue; // done by the scenario itself, not a request
    tally.requests++;
    if (op.outcome === 'ok') tally.acknowledged++;
    else if (op.outcome === 'info') tally.indeterminate++;
    else {
      tally.failed++;
      if (op.expectFail) tally.expectedFailures++;
    }
  }
  const msOf = (kind: StepTiming['kind']) => run.steps.filter((s) => s.kind === kind).reduce((sum, s) => sum + s.ms, 0);
  const loadMs = msOf('load');
  const loadRequests = run.steps.filter((s) => s.kind === 'load').reduce((sum, s) => sum + s.requests, 0);
  const exitsFor = (reason: WorkerExit['reason']) => run.exits.filter((e) => e.reason === reason).length;
  return {
    ...cell,
    ...result,
    expected,
    matches: result.verdict === expected,
    ...tally,
    spread: spreadOf(run.history),
    exits: { crashed: exitsFor('crashed'), killed: exitsFor('killed'), retired: exitsFor('retired') },
    serverErrors: run.serverErrors ?? [],
    reqPerSec: loadMs > 0 ? Math.round(loadRequests / (loadMs / 1000)) : 0,
    timing: {
      startMs: Math.round(run.startMs),
      loadMs: Math.round(loadMs),
      readsMs: Math.round(msOf('fresh')),
      stopMs: Math.round(run.stopMs),
      totalMs: Math.round(run.totalMs),
    },
    runs: 1,
    verdicts: { [result.verdict]: 1 },
    flaky: false,
  };
}

/** Several runs of one cell as one result: the first run's details, every run's verdict. */
export function combineRuns(runs: CellResult[]): CellResult {
  const verdicts: Partial<Record<Verdict, number>> = {};
  for (const r of runs) verdicts[r.verdict] = (verdicts[r.verdict] ?? 0) + 1;
  const flaky = Object.keys(verdicts).length > 1;
  // A flaky cell shows a run that differs from the expectation: that is the one to look at.
  const shown = runs.find((r) => !r.matches) ?? runs[0]!;
  return { ...shown, runs: runs.length, verdicts, flaky, matches: runs.every((r) => r.matches) };
}
