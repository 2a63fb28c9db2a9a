// The digest job scheduled inside the app, as node-cron's README shows it: right with one process,
// sent N times over as soon as N worker processes serve the app.
import cron from 'node-cron';
import { defineVariant } from '../../harness/contract.js';
import { digestApp, EVERY_SECOND, sendDigest } from './outbox.js';

export default defineVariant(({ dataDir, workerId }) => {
  const app = digestApp({ dataDir, workerId });

  // BUG: every worker process builds this app, so every worker schedules its own copy of the job and
  // every copy fires on every tick: under `pm2 -i 4` (or 4 cluster workers) each digest goes out 4 times.
  cron.schedule(EVERY_SECOND, ({ date }) => sendDigest(dataDir, date, workerId), { name: 'digest' });

  return app;
});
