// What every variant shares: the app's one page (GET /next: when the next digest goes out), and the
// world outside the app, which the harness reads back. Sending a digest writes one line to a mail
// server's log, here a file in the run's data folder that every worker (and every host) shares.
// The lab also keeps a clock witness in every worker: it writes a `due` line for each tick the worker
// was alive for (once its app was built), so that the harness knows which ticks had to send a
// digest, also around a worker that was killed. The witness is the lab's instrument, not part of the app being fixed.
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express } from 'express';
import cron from 'node-cron';

/** Every second (node-cron's optional sixth field): a real digest would go out at '0 8 * * *', a cell cannot wait a day. */
export const EVERY_SECOND = '* * * * * *';
const OUTBOX = 'outbox.log';

const write = (dataDir: string, line: string): void => {
  // One small append per line: the kernel writes it whole, whichever process appends at the same moment.
  appendFileSync(join(dataDir, OUTBOX), `${line}\n`);
};

/** The effect that must happen once per tick: the digest of this tick goes out (a line in the mail server's log). */
export function sendDigest(dataDir: string, tick: Date, workerId: string): void {
  write(dataDir, `sent ${tick.toISOString()} ${workerId}`);
}

/** The mail server's log as the harness reads it: what was due and what was sent, per tick and worker. */
export interface Outbox { now: number; lines: string[] }

function readOutbox(dataDir: string): Outbox {
  let text = '';
  try {
    text = readFileSync(join(dataDir, OUTBOX), 'utf8');
  } catch { /* nothing written yet */ }
  return { now: Date.now(), lines: text.split('\n').filter((l) => l.length > 0) };
}

/** The app every variant serves, with the lab's clock witness running in this worker. */
export function digestApp({ dataDir, workerId }: { dataDir: string; workerId: string }): Express {
  // The witness counts the ticks that come once this worker's app is built. A tick that comes while it
  // is being built (a replacement worker, under load, can take tens of ms to load express's body
  // parser) may come before the variant has scheduled its job: a `due` without a digest, though no
  // code is wrong. setImmediate runs once the factory's synchronous part has returned: a variant
  // schedules its job before its first await (all of this lab's do), or a tick just after may be judged.
  let builtAt = Infinity;
  setImmediate(() => { builtAt = Date.now(); });
  cron.schedule(EVERY_SECOND, ({ date }) => {
    if (date.getTime() >= builtAt) write(dataDir, `due ${date.toISOString()} ${workerId}`);
  }, { name: 'lab-clock-witness' });
  // A worker that is leaving (its IPC channel closes: it was retired) stops its schedules, as a
  // graceful shutdown does; a killed one simply stops.
  process.once('disconnect', () => {
    for (const task of cron.getTasks().values()) void task.stop();
  });
  const app = express();
  app.use(express.json({ limit: '1kb' })); // no body is needed, but a malformed one is refused (400)
  app.get('/next', (_req, res) => {
    const now = Date.now();
    res.json({ next: new Date(Math.floor(now / 1000) * 1000 + 1000).toISOString(), now });
  });
  // The mail server's log, for the harness (and for you: curl it while the app runs).
  app.get('/outbox', (_req, res) => {
    res.json(readOutbox(dataDir));
  });
  return app;
}
