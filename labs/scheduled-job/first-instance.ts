// The half-fix people reach for: schedule the job only in the first instance (pm2's
// NODE_APP_INSTANCE === '0'; here node:cluster's worker id 1). It holds while nothing happens to
// that one worker.
import cluster from 'node:cluster';
import cron from 'node-cron';
import { defineVariant } from '../../harness/contract.js';
import { digestApp, EVERY_SECOND, sendDigest } from './outbox.js';

export default defineVariant(({ dataDir, workerId }) => {
  const app = digestApp({ dataDir, workerId });

  // BUG: "first" is one process, chosen once. When worker 1 dies or is retired its replacement gets a
  // new id (node:cluster never reuses one), so from then on no worker sends the digest; and each host
  // has a worker 1 of its own, so two hosts send it twice.
  if (cluster.worker?.id === 1) {
    cron.schedule(EVERY_SECOND, ({ date }) => sendDigest(dataDir, date, workerId), { name: 'digest' });
  }

  return app;
});
