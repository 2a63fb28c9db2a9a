import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { counterChecker } from '../../harness/checkers/counter.js';
import { defineLab, severalProcesses, sharedStoreVerdict, type CommandSpec } from '../../harness/contract.js';
import { sourcePathOf } from '../../harness/runtime.js';
import { counterScenario } from './scenario.js';

/** What the lab needs from Debian (PyPI is not reachable from our machines or CI): also read by .ci/run. */
const packages = readFileSync(join(sourcePathOf(dirname(fileURLToPath(import.meta.url))), 'debian-packages.txt'), 'utf8').split(/\s+/).filter(Boolean);

/** Each variant is a Flask module served by `gunicorn -w N` with its default sync workers, as in the seed. */
const gunicorn = (source: string): CommandSpec => ({
  source,
  // The system python3, which Debian's packages install into (not a pyenv or venv python on PATH).
  // --preload: the app is imported once in the master, then forked, so a worker that gunicorn boots
  // is ready at once; --max-requests 0 means never (only --restart-every K sets it). The default sync
  // worker, as in the seed: one request at a time, one connection per request. (gthread keeps
  // connections alive, but then the worker that wakes first takes most of them for the whole load, and
  // on a busy machine one worker served everything: buggy@4 looked right. Sync workers take turns.)
  argv: ['/usr/bin/python3', '-m', 'gunicorn', '--workers', '{workers}', '--worker-class', 'sync',
    '--bind', '127.0.0.1:{port}', '--max-requests', '{maxRequests}', '--preload', '--graceful-timeout', '2', '--chdir', '{dir}', '{name}:app'],
  env: { REDIS_URL: '{redisUrl}', REDIS_PREFIX: '{redisPrefix}', PYTHONDONTWRITEBYTECODE: '1' },
  ready: { workerLine: 'Booting worker with pid: (\\d+)' },
  workerHeader: 'x-worker-pid',
  requires: {
    argv: ['/usr/bin/python3', '-c', 'import gunicorn, flask, redis'],
    missing: `gunicorn-counter needs Python's gunicorn, Flask and redis-py from Debian: sudo apt-get install ${packages.join(' ')}`,
  },
});

export default defineLab(import.meta.url, {
  title: 'Gunicorn counter (Python)',
  summary: 'The per-worker counter in Flask under gunicorn -w N: the same bug in another stack, judged by the same checker.',
  source: '003_eb6165e813f4c6e1.txt',
  variants: {
    buggy: { summary: 'a module-level number in each gunicorn worker', command: gunicorn('buggy.py') },
    naive: { summary: 'a multiprocessing manager, read then written through its proxy', command: gunicorn('naive.py') },
    fixed: { summary: "Redis's INCR through redis-py", store: true, command: gunicorn('fixed.py') },
  },
  expected: (cell) => {
    // Each worker counts alone; a worker gunicorn restarts (--max-requests) or replaces starts from 0.
    if (cell.variant === 'buggy') return severalProcesses(cell) ? 'lost' : 'ok';
    // Get-then-set through the proxy: two round trips, between which another worker writes. A sync
    // worker serves one request at a time, so with one process nothing comes between.
    if (cell.variant === 'naive') return cell.workers * cell.hosts > 1 ? 'lost' : 'ok';
    return sharedStoreVerdict(cell);
  },
  hints: [
    'gunicorn -w 4 imports the app once and forks four processes from it. How many copies of `hits` are there then, and which one does a read see?',
    'A global lives in one process. Moving the number somewhere every worker reaches is half of it; the change must also happen there in one step, not as a read here and a write back.',
    'Keep the count in the Redis at REDIS_URL (under the REDIS_PREFIX key prefix) and let Redis do the adding itself; read it from Redis on every request.',
  ],
  tryIt: [
    'for i in $(seq 12); do curl -s -X POST {url}/incr; echo; done    # each worker counts from where it was',
    'for i in 1 2 3 4; do curl -si {url}/count | grep -iE "x-worker-pid|count"; done    # which process answered, and its own count',
  ],
  checker: counterChecker,
  scenario: counterScenario,
  // The same scenario as per-worker-counter, with more of it: a sync worker closes the connection
  // after each answer, and autocannon has often written its next request on it by then. That request
  // is never read (indeterminate: about half of the load), so 1,000 increments over 40 connections
  // leave ~500 acknowledged, and races between workers are caught in every run.
  defaults: { requests: 1000, connections: 40 },
});
