// One recorded request outside autocannon: on a connection of its own, so that round-robin hands
// consecutive requests to the workers in turn, or on a keep-alive agent's connections.
import { request as httpRequest, type Agent } from 'node:http';
import type { RequestSpec } from './contract.js';
import type { Op } from './history.js';
import { jsonHeaders, type Recorder } from './recorder.js';

/** How long a request may go unanswered before it is recorded as indeterminate. */
export const REQUEST_TIMEOUT_S = 3;

/** One request on a connection of its own (`Connection: close`, no agent), or on one of `agent`'s keep-alive connections; resolves to its record once answered (or not). */
export function freshRequest(url: string, spec: RequestSpec, rec: Recorder, agent?: Agent): Promise<Op> {
  const op = rec.invoke(spec);
  const body = spec.body === undefined ? undefined : JSON.stringify(spec.body);
  return new Promise<void>((resolve) => {
    const req = httpRequest(new URL(spec.path, url), {
      method: spec.method ?? 'GET',
      agent: agent ?? false,
      headers: { ...(!agent && { connection: 'close' }), ...jsonHeaders(spec) },
      timeout: REQUEST_TIMEOUT_S * 1000,
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        rec.answer(op, spec, res.statusCode ?? 0, Buffer.concat(chunks).toString(), res.headers);
        resolve();
      });
      res.on('error', (err) => { rec.noAnswer(op, err.message, false); resolve(); });
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', (err: NodeJS.ErrnoException) => { rec.noAnswer(op, err.code ?? err.message, err.code === 'ECONNREFUSED'); resolve(); });
    req.end(body);
  }).then(() => op);
}
