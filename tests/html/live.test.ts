// The live page of `npm run lab serve` (/__lab) in a real browser: it redraws within a second of a
// curl request, with one lane per worker, and loads nothing but itself and its own event stream.
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLive } from '../../harness/live.js';
import { serveLab } from '../../harness/serve.js';
import gunicornCounter from '../../labs/gunicorn-counter/index.js';
import { launchBrowser, skipWithoutChromium, watchedPage, withChromium } from '../helpers/browser.js';
import { processesTagged, runLab } from '../helpers/cli.js';
import { eventually, fresh } from '../helpers/http.js';
import { skipLab, unlessMissing } from '../helpers/python.js';

const curl = (...args: string[]) => promisify(execFile)('curl', ['-s', ...args], { timeout: 10_000 });
let browser: Browser;

describe.skipIf(skipWithoutChromium)(withChromium('the live page of npm run lab serve'), () => {
  beforeAll(async () => { browser = await launchBrowser(); });
  afterAll(async () => { await browser?.close(); });

  it('redraws within a second of each curl request, one lane per worker, and stops with serve', async () => {
    let pid = 0;
    let tag = '';
    let output = '';
    const running = runLab(['serve', 'per-worker-counter', '--variant', 'buggy', '--workers', '2'], {
      started: (p, t) => { pid = p; tag = t; },
      onStdout: (stdout) => { output = stdout; },
    });
    try {
      expect(await eventually(() => output.includes('Ctrl-C stops it'), 20_000)).toBe(true);
      const [, pageUrl, base] = /live page: (http:\/\/127\.0\.0\.1:\d+\/__lab) .*sent to (http:\/\/127\.0\.0\.1:\d+),/.exec(output)!;
      // The printed commands go through the live server, so that what they do is drawn.
      expect(output).toContain(`curl -s -X POST ${base}/incr`);
      const { page, consoleErrors, requests } = await watchedPage(browser);
      await page.goto(pageUrl!);
      await page.locator('#state[data-state="live"]').waitFor({ timeout: 5000 });
      expect(await page.locator('#live').textContent()).toContain('No request yet');

      // Each curl call opens a new connection: worker 1, then worker 2. Each is drawn within a second.
      for (const n of [1, 2, 3]) {
        const sent = performance.now();
        const answer = JSON.parse((await curl('-X', 'POST', `${base}/incr`)).stdout) as { count: number };
        expect(answer.count).toBeGreaterThan(0);
        await page.locator(`section.live[data-requests="${n}"]`).waitFor({ timeout: 1000 });
        expect(performance.now() - sent).toBeLessThan(1000);
      }
      const lanes = await page.locator('svg.timeline g.lane.worker').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-worker')));
      expect(lanes).toEqual(['1', '2']);
      expect(await page.locator('svg.timeline rect.op.ok').count()).toBe(3);
      // Each worker's own count, as a line of its own: the lesson of the lab, on the projector.
      expect(await page.locator('svg.answers g.answers').count()).toBe(2);
      expect(await page.locator('table.last tr[data-worker="1"] .answer').textContent()).toMatch(/\{"count":\d+\}/);
      expect(consoleErrors).toEqual([]);
      expect(new Set(requests)).toEqual(new Set([pageUrl, `${base}/__lab/events`]));
      await page.close();
    } finally {
      process.kill(pid, 'SIGINT');
    }
    const run = await running;
    expect(run.code).toBe(0);
    expect(await eventually(() => processesTagged(tag).length === 0, 3000)).toBe(true);
  });
});

describe('the worker the live page records', () => {
  it("is read from the header the server names it in, in the server's spelling (X-Worker-Pid), or x-worker-id by default", async () => {
    const upstream = createServer((_req, res) => res.writeHead(200, { 'X-Worker-Pid': '4242', 'x-worker-id': '1', 'content-type': 'application/json' }).end('{"count":1}'));
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const upstreams = [`http://127.0.0.1:${(upstream.address() as AddressInfo).port}`];
    try {
      for (const [workerHeader, worker] of [['X-Worker-Pid', '4242'], [undefined, '1']] as const) {
        const live = await startLive({ upstreams, page: () => '', render: () => '', ...(workerHeader && { workerHeader }) });
        try {
          expect((await fresh(`${live.url}/count`)).status).toBe(200);
          expect(await eventually(() => live.history.length === 1)).toBe(true);
          expect(live.history.map((op) => [op.op, op.worker])).toEqual([['GET /count', worker]]);
        } finally {
          await live.close();
        }
      }
    } finally {
      await new Promise((resolve) => upstream.close(resolve));
    }
  });

  it.skipIf(skipLab(gunicornCounter))(unlessMissing(gunicornCounter, 'serve gunicorn-counter: each request on the live page names the gunicorn worker that answered'), { timeout: 60_000 }, async () => {
    const serving = await serveLab(gunicornCounter, { variant: 'buggy', workers: 2, live: true });
    try {
      const pids = serving.cluster.hosts[0]!.workers.map((w) => String(w.pid));
      for (let i = 0; i < 4; i++) expect((await fresh(`${serving.live!.url}/incr`, { method: 'POST' })).status).toBe(200);
      expect(await eventually(() => serving.live!.history.length === 4)).toBe(true);
      for (const op of serving.live!.history) expect(pids).toContain(op.worker);
    } finally {
      await serving.stop();
    }
  });
});
