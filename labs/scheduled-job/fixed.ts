// Every worker schedules the job, and one of them runs each tick: the one that takes the tick's
// lease in the shared store. node-cron 4 has the hook for it (`distributed` with a `runCoordinator`).
import cron from 'node-cron';
import { defineVariant } from '../../harness/contract.js';
import { digestApp, EVERY_SECOND, sendDigest } from './outbox.js';

/** How long a tick's lease lives: far longer than the workers' clocks differ, short enough that the keys go away. */
const LEASE_MS = 60_000;

export default defineVariant(({ store, dataDir, workerId }) => {
  const app = digestApp({ dataDir, workerId });

  cron.schedule(EVERY_SECOND, ({ date }) => sendDigest(dataDir, date, workerId), {
    name: 'digest',
    // FIX: before each run node-cron asks the coordinator whether this process may run this tick.
    distributed: true,
    distributedLease: LEASE_MS,
    // FIX: the key is `digest:<the tick's time>`, one per tick; set-if-absent in the shared store says
    // yes to exactly one worker per tick, whichever asks first, on every host that shares the store.
    runCoordinator: { shouldRun: (key, ttlMs) => store.setIfAbsent(key, workerId, ttlMs) },
  });

  return app;
});
