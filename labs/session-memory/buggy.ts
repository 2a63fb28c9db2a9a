// Sessions the way express-session's quick start sets them up, tested with `node server.js`.
import { defineVariant } from '../../harness/contract.js';
import { sessionApp } from './app.js';

export default defineVariant(() =>
  // BUG: no `store`, so express-session keeps every session in its default MemoryStore: an object in
  // this worker's memory. A login on worker 2 exists only on worker 2; the same cookie on any other
  // worker (or on worker 2 after a restart) finds no session, and the user is logged out.
  sessionApp({}));
