// The live page of `serve` (/__lab), for a teacher's projector: the same timeline and chart as the
// --html report, drawn from the requests that pass through the live server, redrawn as they arrive
// (server-sent events), and beside them what each worker answered last. No verdict: nobody judges a
// workshop's curl calls. Pure: requests in, HTML out; harness/live.ts serves it.
import type { Op } from '../history.js';
import { stateChart } from './charts.js';
import { STYLE } from './page.js';
import { pictureOf } from './picture.js';
import { axes, esc, FRAME, num, scale, svg, workerColour } from './svg.js';
import { lanesOf, timelineSvg } from './timeline.js';

export interface LiveInfo { lab: string; title: string; variant: string; summary: string; store: string; url: string }

/** The page: a frame that the events fill in. Its one script only swaps the drawing (CSP: nothing else loads). */
export function livePage(info: LiveInfo): string {
  const script = `const live=document.getElementById('live'),state=document.getElementById('state');` +
    `const events=new EventSource('/__lab/events');` +
    `events.onmessage=(e)=>{live.innerHTML=JSON.parse(e.data);state.textContent='live';state.dataset.state='live';};` +
    `events.onerror=()=>{state.textContent='reconnecting… (is serve still running?)';state.dataset.state='down';};`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self'; img-src data:">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(info.lab)} · ${esc(info.variant)}: live</title>` +
    `<style>${STYLE}#state{font-size:12px;color:#555}table.last code{white-space:nowrap}</style></head><body>` +
    `<header><h1>${esc(info.lab)} · ${esc(info.variant)} <span id="state" data-state="connecting">connecting…</span></h1>` +
    `<p>${esc(info.title)}: ${esc(info.summary)} (store ${esc(info.store)})</p>` +
    `<p>Send requests to <code>${esc(info.url)}</code> (curl opens a new connection per call: each lands on the next worker); this page redraws as they arrive.</p></header>` +
    `<main id="live"></main><script>${script}</script></body></html>\n`;
}

const short = (x: unknown): string => {
  const text = JSON.stringify(x) ?? '';
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
};

/** The first number of an answer (`{"count": 7}` → 7), when it has one: what a projector wants to compare across workers. */
const numberIn = (seen: unknown): number | undefined =>
  typeof seen === 'number' ? seen : typeof seen === 'object' && seen !== null ? Object.values(seen).find((v): v is number => typeof v === 'number') : undefined;

/** Each worker's numeric answers over time, a line per worker: N counters that each count alone are N lines. */
function answersChart(history: readonly Op[], lanes: string[], spanMs: number): string {
  const points = history.filter((op) => op.worker !== null && op.complete !== null && numberIn(op.seen) !== undefined);
  if (points.length === 0) return '';
  const f = FRAME;
  const top = Math.max(1, ...points.map((op) => numberIn(op.seen)!));
  const sx = scale(0, Math.max(1, spanMs), f.left, f.width - f.right);
  const sy = scale(0, top, f.height - f.bottom, f.top);
  const lines = lanes.map((w, i) => {
    const mine = points.filter((op) => op.worker === w);
    if (mine.length === 0) return '';
    const d = mine.map((op, k) => `${k ? 'L' : 'M'}${num(sx(op.complete!))} ${num(sy(numberIn(op.seen)!))}`).join('');
    return `<g class="answers" data-worker="${esc(w)}"><path d="${d}" fill="none" stroke="${workerColour(i)}" stroke-width="1.5"/>` +
      `${mine.map((op) => `<circle cx="${num(sx(op.complete!))}" cy="${num(sy(numberIn(op.seen)!))}" r="3" fill="${workerColour(i)}"/>`).join('')}` +
      `<text x="${num(sx(mine.at(-1)!.complete!) + 5)}" y="${num(sy(numberIn(mine.at(-1)!.seen)!) + 3)}" fill="${workerColour(i)}">worker ${esc(w)}</text></g>`;
  });
  return `<h3>The number in each worker's answers</h3>${svg(f, axes(f, [0, spanMs], [0, top], 'time since the first request (ms)', 'number answered') + lines.join(''), 'numbers each worker answered', 'chart answers')}`;
}

/** The redrawn part: per worker its last answer, then the timeline and the chart of every request so far. */
export function liveFragment(recorded: readonly Op[]): string {
  if (recorded.length === 0) return '<p class="waiting">No request yet: try one of the curl commands that serve printed.</p>';
  // Time from the first request kept, not from when serve started: the marks use the whole width.
  const t0 = recorded[0]!.invoke;
  const history = recorded.map((op) => ({ ...op, invoke: op.invoke - t0, complete: op.complete === null ? null : op.complete - t0 }));
  const picture = pictureOf({ history, exits: [] }, []);
  const chart = stateChart(picture, {});
  const last = new Map<string, Op>();
  for (const op of history) if (op.worker !== null) last.set(op.worker, op);
  const rows = lanesOf(picture).filter((w) => last.has(w)).map((w) => {
    const op = last.get(w)!;
    const served = history.filter((o) => o.worker === w).length;
    return `<tr data-worker="${esc(w)}"><th>worker ${esc(w)}</th><td>${served} request(s)</td><td><code>${esc(op.op)}</code> → ${op.status ?? 'no answer'}</td><td class="answer"><code>${esc(short(op.seen))}</code></td></tr>`;
  });
  return `<section class="cell live" data-requests="${history.length}"><div class="grid"><div class="pictures">` +
    `<h3>Timeline: one lane per worker (${history.length} request(s))</h3>${timelineSvg(picture, [])}` +
    `${answersChart(history, lanesOf(picture), picture.spanMs)}<h3>Requests over time</h3><div class="state" data-chart="${chart.kind}">${chart.svg}</div><p class="caption">${esc(chart.caption)}</p></div>` +
    `<aside><h3>What each worker answered last</h3><table class="last">${rows.join('')}</table></aside></div></section>`;
}
