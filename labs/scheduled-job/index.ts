import { defineLab, type CellKey, type Verdict } from '../../harness/contract.js';
import { digestChecker, scheduledJobScenario } from './scenario.js';

/** How many processes run the job on each tick, by variant; what the digests of a tick then show. */
function expected(cell: CellKey): Verdict {
  const { variant, workers, hosts, store, fault } = cell;
  // Every process that builds the app runs the job: several workers, the spare that --restart-every
  // keeps ready, or another host. A killed worker's replacement is one runner again (workers 1).
  if (variant === 'buggy') return workers * hosts > 1 || fault === 'restart' ? 'duplicated' : 'ok';
  if (variant === 'first-instance') {
    // Once worker 1 is retired (on every host) its replacement has another id: nobody sends. A kill
    // strikes host 1 only: host 2's worker 1 then sends alone. Without a fault each host sends its own.
    if (fault === 'restart') return 'lost';
    if (fault === 'kill') return hosts > 1 ? 'ok' : 'lost';
    return hosts > 1 ? 'duplicated' : 'ok';
  }
  // The lease holds wherever the store is shared; the primary store lives on one host, so two hosts
  // take two leases per tick.
  return hosts > 1 && store === 'primary' ? 'duplicated' : 'ok';
}

export default defineLab(import.meta.url, {
  title: 'Scheduled job',
  summary: 'A node-cron job scheduled in the app: under N workers every worker runs it, and each digest goes out N times.',
  source: 'node-cron 4.6.0 (node-cron/node-cron#159)',
  variants: {
    buggy: { summary: 'node-cron.schedule in the app, so in every worker' },
    'first-instance': { summary: 'scheduled only in the first worker (the NODE_APP_INSTANCE half-fix)' },
    fixed: { summary: "every worker schedules; a lease per tick in the shared store picks the one that runs", store: true },
  },
  expected,
  // Three hints for a participant's own fix (npm run lab try), each one step closer; never the fixed code.
  hints: [
    'How many processes run `cron.schedule` when four workers serve this app? How many of them fire at 08:00:00?',
    'Choosing one worker by its id only moves the problem: what happens to the schedule when that worker dies, or on a second machine? The choice must be made again on every tick, by something all workers share.',
    'Let every worker schedule the job, and make each run ask the shared store first: a key per tick, set only if absent, with an expiry. node-cron 4 can ask for you (`distributed: true` and a `runCoordinator`).',
  ],
  tryIt: [
    `curl -s {url}/outbox | grep -o '"sent [^"]*"' | tail -8    # the last ticks' digests: each tick sent by every worker`,
    'for i in 1 2 3 4; do curl -si {url}/next | grep -E "x-worker-id|next"; done    # every worker serves the app, and has the schedule',
  ],
  checker: digestChecker,
  scenario: scheduledJobScenario,
  // The visits are where faults strike: 600 reach every worker of 4 about 150 times each, so that
  // --restart-every 100 retires each of them (worker 1 too) before the tick that is judged.
  defaults: { requests: 600, connections: 20 },
  // After its visits a cell only waits for the next tick (up to 1.2 s, idle): the matrix overlaps the
  // cells, the next one starting up while this one waits.
  cellsWait: true,
});
