// The catalog: every lab, in teaching order. Adding a lab = copying a folder and adding one line here.
import type { Lab } from '../harness/contract.js';
import globalList from './global-list/index.js';
import moduleLoadRead from './module-load-read/index.js';
import staticCache from './static-cache/index.js';
import perWorkerCounter from './per-worker-counter/index.js';

export const catalog: readonly Lab[] = [
  perWorkerCounter,
  globalList,
  moduleLoadRead,
  staticCache,
];
