// The Express app every worker really serves: the lab's app inside a shell that the harness owns.
// The shell names the serving worker in a header, answers unknown paths (404) and wrong methods
// (405), and turns every error into a short JSON answer with a 4xx for the client's mistakes
// (malformed JSON, a body over the limit) instead of Express's default stack trace on stderr.
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import { WORKER_HEADER } from './cluster-protocol.js';

interface RouteLayer { route?: { methods: Record<string, boolean> }; match(path: string): boolean }

/** The methods the lab's routes accept for a path (empty when no route has that path). */
function methodsFor(app: Express, path: string): string[] {
  const stack = (app.router as unknown as { stack?: RouteLayer[] }).stack ?? [];
  const methods = new Set<string>();
  for (const layer of stack) {
    if (layer.route && layer.match(path)) {
      for (const [method, on] of Object.entries(layer.route.methods)) if (on && method !== '_all') methods.add(method.toUpperCase());
    }
  }
  return [...methods].sort();
}

/** Where in a lab's file an error was thrown: ` (at labs/x/mine.ts:12:5)`, from its stack, or '' when no lab code is on it. */
export function labFrame(error: unknown): string {
  const stack = error instanceof Error ? error.stack ?? '' : '';
  const frame = /(?:file:\/\/)?\/[^\s()]*?\/(labs\/[^\s():]+):(\d+):(\d+)/.exec(stack);
  return frame ? ` (at ${frame[1]}:${frame[2]}:${frame[3]})` : '';
}

/** What a worker knows about itself: requests served (the lab's, not the harness's probes), and whether it is leaving. */
export interface WorkerStats { served: number; leaving: boolean }

/** Where the harness asks a worker for its retained heap (after a forced GC). Not part of any lab. */
export const HEAP_PATH = '/__harness/heap';

/** Answers the harness's heap probe: a full GC first, so that only what is still reachable counts. */
const heapProbe = (workerId: string, stats: WorkerStats): RequestHandler => (_req, res) => {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) {
    res.status(501).json({ error: 'this worker was started without --expose-gc' });
    return;
  }
  gc();
  res.json({ workerId, served: stats.served, heapUsed: process.memoryUsage().heapUsed });
};

export function appShell(labApp: Express, workerId: string, stats: WorkerStats = { served: 0, leaving: false }, onServed?: () => void): Express {
  const shell = express();
  shell.disable('x-powered-by');
  const nameWorker: RequestHandler = (_req, res, next) => {
    res.setHeader(WORKER_HEADER, workerId);
    // A leaving worker answers what it was asked, then closes the connection, so the client reconnects elsewhere.
    if (stats.leaving) res.setHeader('connection', 'close');
    next();
  };
  const count: RequestHandler = (_req, res, next) => {
    stats.served++;
    if (onServed) res.once('finish', onServed);
    next();
  };
  const notFound: RequestHandler = (req, res) => {
    const allowed = methodsFor(labApp, req.path);
    if (allowed.length > 0) {
      res.setHeader('allow', allowed.join(', '));
      res.status(405).json({ error: `${req.method} is not allowed on ${req.path}; use ${allowed.join(' or ')}` });
    } else {
      res.status(404).json({ error: `no route ${req.method} ${req.path}` });
    }
  };
  const answerError: ErrorRequestHandler = (err: { status?: unknown; statusCode?: unknown; message?: unknown; expose?: boolean }, _req, res, _next) => {
    const status = Number(err.status ?? err.statusCode);
    if (status >= 400 && status < 500) {
      res.status(status).json({ error: String(err.message ?? 'bad request') });
      return;
    }
    // A server error is the lab's own bug: one line on stderr (the harness keeps it), no stack trace to the client.
    console.error(`worker ${workerId}: ${err instanceof Error ? err.message : String(err)}${labFrame(err)}`);
    if (!res.headersSent) res.status(500).json({ error: 'internal error' });
    else res.destroy(); // half an answer is no answer: end the connection rather than leave the client waiting
  };
  shell.use(nameWorker);
  shell.get(HEAP_PATH, heapProbe(workerId, stats));
  shell.use(count, labApp, notFound, answerError);
  return shell;
}
