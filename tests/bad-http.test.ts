// Bad HTTP input to every lab: malformed JSON, missing fields, a body over the limit, a wrong method.
// Each gets a 4xx, the app keeps serving, and nothing is corrupted: the lab's own scenario, run
// afterwards on the same cluster, still gets its expected verdict (every acknowledged write seen).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCluster } from '../harness/cluster.js';
import type { Lab, RequestSpec } from '../harness/contract.js';
import { runScenario } from '../harness/load.js';
import { catalog } from '../labs/index.js';
import { fresh, type Answer } from './helpers/http.js';

const WORKERS = 2;

/** The routes a lab's scenario uses: one sample request per method and path. */
function routesOf(lab: Lab, dataDir: string): RequestSpec[] {
  const scenario = lab.scenario({ workers: WORKERS, hosts: 1, requests: 60, connections: 2, spreadReads: 2 * WORKERS, dataDir });
  const routes = new Map<string, RequestSpec>();
  for (const step of scenario.steps) {
    if (step.kind !== 'load' && step.kind !== 'fresh') continue;
    for (let seq = 0; seq < 12; seq++) {
      const spec = step.request(seq);
      if (spec.path.startsWith('/__harness/')) continue; // the harness's own probe, not the lab's app
      routes.set(`${spec.method ?? 'GET'} ${spec.path}`, routes.get(`${spec.method ?? 'GET'} ${spec.path}`) ?? spec);
    }
  }
  return [...routes.values()];
}

const send = (url: string, spec: RequestSpec, method: string, body?: string): Promise<Answer> =>
  fresh(`${url}${spec.path}`, { method, headers: { ...spec.headers, ...(body !== undefined && { 'content-type': 'application/json' }) }, ...(body !== undefined && { body }) });

/**
 * The labs whose fixed variant the harness builds (an Express app in harness/app-shell.ts, which parses
 * and limits the body and answers 405 for a wrong method). A command variant (gunicorn-counter's
 * Flask app) is its own server: these guarantees are not the harness's to give there, and Flask does
 * not give them (its /incr never reads the body, so malformed JSON or 200 kB get a 200). Those labs
 * are judged by their matrix and their own tests (tests/labs/<lab>.specifics.ts), not here.
 */
const builtByTheHarness = catalog.filter((lab) => !lab.variants.fixed!.command);

describe.each(builtByTheHarness.map((lab) => [lab.name, lab] as const))('bad HTTP input to %s', (_name, lab) => {
  it('gets a 4xx for each mistake, and the fixed variant still passes its own scenario afterwards', async ({ expect }) => {
    const dataDir = await mkdtemp(join(tmpdir(), `worker-state-lab-bad-http-${lab.name}-`));
    await lab.prepare?.(dataDir);
    const store = lab.variants.fixed!.store ? 'primary' : 'none';
    const cluster = await startCluster({ variantModule: lab.variantModule('fixed'), workers: WORKERS, hosts: 1, store, dataDir });
    try {
      const url = cluster.urls[0]!;
      const routes = routesOf(lab, dataDir);
      expect(routes.length).toBeGreaterThan(0);
      for (const spec of routes) {
        const method = spec.method ?? 'GET';
        const route = `${method} ${spec.path}`;
        const wrong = await send(url, spec, 'PATCH');
        expect(wrong.status, `${route}: wrong method`).toBe(405);
        expect(String(wrong.headers.allow), `${route}: Allow header`).toContain(method);
        if (method === 'GET') continue;
        expect((await send(url, spec, method, '{"half": ')).status, `${route}: malformed JSON`).toBe(400);
        expect((await send(url, spec, method, JSON.stringify({ padding: 'x'.repeat(200_000) }))).status, `${route}: body over the limit`).toBe(413);
        if (spec.body !== undefined) {
          const missing = await send(url, spec, method, '{}');
          expect(missing.status, `${route}: missing fields`).toBeGreaterThanOrEqual(400);
          expect(missing.status, `${route}: missing fields`).toBeLessThan(500);
          expect(typeof missing.body.error, `${route}: says what is wrong`).toBe('string');
        }
      }
      // Still serving, nothing corrupted: the lab's scenario gets the fixed variant's verdict.
      const run = await runScenario(lab.scenario({ workers: WORKERS, hosts: 1, requests: 300, connections: 4, spreadReads: 2 * WORKERS, dataDir }), { urls: cluster.urls, allListening: () => cluster.allListening() });
      const verdict = lab.checker(run.history).verdict;
      expect(verdict, 'verdict after the bad input').toBe(lab.expected({ variant: 'fixed', workers: WORKERS, hosts: 1, store, fault: 'none', latency: 'none' }));
      expect(cluster.exits, 'no worker died').toEqual([]);
    } finally {
      await cluster.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
