// The live page of `serve`: a small HTTP server on a port of its own that passes every request on to
// the lab's cluster and records it (method and path, the worker that answered, the status, the JSON it
// answered), and serves /__lab, a page redrawn by server-sent events as requests arrive. Each client
// connection gets one upstream connection of its own, so that what a client sees through it is what
// it would see directly: a new connection per curl call lands on the next worker (round robin), one
// keep-alive connection stays on one worker. Several hosts: each client connection goes to the next
// host, as a load balancer would send it. Drawing is the caller's (harness/html/live-page.ts).
import { Agent, createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { WORKER_HEADER } from './cluster-protocol.js';
import { HarnessError } from './errors.js';
import { outcomeOf, type Op } from './history.js';

/** At most this many requests are kept (the oldest dropped): a workshop runs for hours. */
export const LIVE_MAX_OPS = 2000;
const MAX_SEEN_BYTES = 2048;
const REDRAW_MS = 150;
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te', 'trailer']);

export interface LiveOptions {
  upstreams: string[];
  port?: number;
  /** The page at /__lab (it subscribes to /__lab/events), given the URL that requests go to. */
  page: (url: string) => string;
  /** The part of the page redrawn on every change, from the requests so far (oldest first). */
  render: (history: readonly Op[]) => string;
  /** The response header that names the worker: a command variant's own (CommandSpec.workerHeader), else x-worker-id. */
  workerHeader?: string;
}

export interface LiveServer {
  /** Where to send requests (they are passed on and drawn): `http://127.0.0.1:P`. */
  url: string;
  /** The page: `${url}/__lab`. */
  pageUrl: string;
  history: readonly Op[];
  close(): Promise<void>;
}

function parseSeen(body: Buffer, type: string | undefined): unknown {
  if (!type?.includes('json') || body.length === 0 || body.length > MAX_SEEN_BYTES) return undefined;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

export async function startLive(options: LiveOptions): Promise<LiveServer> {
  const t0 = performance.now();
  const now = (): number => Math.round((performance.now() - t0) * 10) / 10;
  const history: Op[] = [];
  let index = 0;
  const watchers = new Set<ServerResponse>();
  let redraw: NodeJS.Timeout | undefined;
  const send = (res: ServerResponse): void => { res.write(`data: ${JSON.stringify(options.render(history))}\n\n`); };
  const changed = (): void => {
    // At most one redraw per REDRAW_MS: a burst of requests is one redraw, still well within a second.
    redraw ??= setTimeout(() => {
      redraw = undefined;
      for (const res of watchers) send(res);
    }, REDRAW_MS);
  };
  const record = (op: Op): void => {
    history.push(op);
    if (history.length > LIVE_MAX_OPS) history.splice(0, history.length - LIVE_MAX_OPS);
    changed();
  };
  // Node's client lower-cases the names of the headers it receives: so is this one, for any spelling (X-Worker-Pid).
  const workerHeader = (options.workerHeader ?? WORKER_HEADER).toLowerCase();
  const agents = new WeakMap<Socket, { agent: Agent; upstream: string }>();
  let nextHost = 0;
  let page = '';

  const pass = (req: IncomingMessage, res: ServerResponse): void => {
    const socket = req.socket;
    let pinned = agents.get(socket);
    if (!pinned) {
      pinned = { agent: new Agent({ keepAlive: true, maxSockets: 1 }), upstream: options.upstreams[nextHost++ % options.upstreams.length]! };
      agents.set(socket, pinned);
      const agent = pinned.agent;
      socket.once('close', () => agent.destroy());
    }
    const url = new URL(req.url ?? '/', pinned.upstream);
    const op: Op = { index: index++, op: `${req.method} ${url.pathname}`, status: null, outcome: 'info', worker: null, invoke: now(), complete: null };
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !HOP_BY_HOP.has(k)));
    const sent: Buffer[] = [];
    const upstream = request(url, { method: req.method, headers, agent: pinned.agent }, (answer) => {
      const received: Buffer[] = [];
      let size = 0;
      const status = answer.statusCode ?? 502;
      const out = Object.fromEntries(Object.entries(answer.headers).filter(([k]) => !HOP_BY_HOP.has(k))) as Record<string, string | string[]>;
      // A worker that is leaving closes the connection: so does this one, and the client reconnects.
      if (answer.headers.connection === 'close') out.connection = 'close';
      res.writeHead(status, out);
      answer.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_SEEN_BYTES) received.push(chunk);
        res.write(chunk);
      });
      answer.on('end', () => {
        res.end();
        const worker = answer.headers[workerHeader];
        const seen = parseSeen(size <= MAX_SEEN_BYTES ? Buffer.concat(received) : Buffer.alloc(0), answer.headers['content-type']);
        const value = parseSeen(Buffer.concat(sent), req.headers['content-type']);
        record({ ...op, status, outcome: outcomeOf(status), worker: typeof worker === 'string' ? worker : null, complete: now(), ...(seen !== undefined && { seen }), ...(value !== undefined && { value }) });
      });
    });
    upstream.on('error', (err) => {
      record({ ...op, error: err.message });
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: `the lab's workers did not answer: ${err.message}` }));
    });
    req.on('data', (chunk: Buffer) => { if (sent.length < 8) sent.push(chunk); upstream.write(chunk); });
    req.on('end', () => upstream.end());
  };

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && (path === '/__lab' || path === '/__lab/')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(page);
    } else if (req.method === 'GET' && path === '/__lab/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      watchers.add(res);
      res.on('close', () => watchers.delete(res));
      send(res);
    } else if (path?.startsWith('/__lab')) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: `no page ${path}; the live page is /__lab` }));
    } else pass(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => reject(err.code === 'EADDRINUSE' ? new HarnessError(`port ${options.port} for the live page is already taken`) : err));
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  page = options.page(url);
  return {
    url,
    pageUrl: `${url}/__lab`,
    history,
    close: async () => {
      clearTimeout(redraw);
      for (const res of watchers) res.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
