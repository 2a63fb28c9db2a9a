// The catalog: every lab, in teaching order. Adding a lab = copying a folder and adding one line here.
import type { Lab } from '../harness/contract.js';
import asyncRace from './async-race/index.js';
import broadcast from './broadcast/index.js';
import cacheInvalidation from './cache-invalidation/index.js';
import globalList from './global-list/index.js';
import gunicornCounter from './gunicorn-counter/index.js';
import metrics from './metrics/index.js';
import moduleLoadRead from './module-load-read/index.js';
import staticCache from './static-cache/index.js';
import perWorkerCounter from './per-worker-counter/index.js';
import retainedMemory from './retained-memory/index.js';
import scheduledJob from './scheduled-job/index.js';
import sessionMemory from './session-memory/index.js';

export const catalog: readonly Lab[] = [
  perWorkerCounter,
  globalList,
  moduleLoadRead,
  staticCache,
  asyncRace,
  sessionMemory,
  retainedMemory,
  cacheInvalidation,
  scheduledJob,
  gunicornCounter,
  metrics,
  broadcast,
];
