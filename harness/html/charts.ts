// The state chart of a cell, suited to what its history holds (never to a checker's name, so that a
// lab with a new checker still gets a sensible picture):
//   counter - each read's value against the band between acknowledged and attempted increments
//             (a bank's reads as the sum of their balances, against deposits);
//   set     - per user, which of their items each worker's last read showed (set-chart.ts);
//   stale   - the version each read saw against the latest acknowledged write;
//   growth  - each worker's retained heap over requests served, with the bound's slope;
//   expected - each answer right or wrong against the answer the scenario knew (expected-chart.ts);
//   users   - per user, each request coloured by outcome (users-chart.ts: sessions, say);
//   generic - acknowledged operations of each kind over time, failures marked.
import type { Op } from '../history.js';
import type { CellPicture, Series } from './picture.js';
import { expectedChart } from './expected-chart.js';
import { setChart } from './set-chart.js';
import { usersChart } from './users-chart.js';
import { axes, esc, FRAME, num, scale, svg, workerColour } from './svg.js';
import { lanesOf } from './timeline.js';

export interface Chart { kind: 'counter' | 'set' | 'stale' | 'growth' | 'expected' | 'users' | 'generic'; svg: string; caption: string }

const isNumbers = (x: unknown): x is Record<string, number> =>
  typeof x === 'object' && x !== null && !Array.isArray(x) && Object.values(x).length > 0 && Object.values(x).every((v) => typeof v === 'number');
/** A read's value as one number: the number, or the sum of a snapshot of balances. */
const valueOf = (seen: unknown): number | undefined =>
  typeof seen === 'number' ? seen : isNumbers(seen) ? Object.values(seen).reduce((a, b) => a + b, 0) : undefined;
const isRead = (op: Op): boolean => op.op === 'read' && op.outcome === 'ok';
const ACCUMULATING = ['incr', 'deposit'];

/**
 * A series at time t, never stricter than the exact bound: the acknowledged amount at its last point
 * at or before t (a lower bound), the attempted amount at its first point at or after t (an upper one).
 */
const at = (s: Series, which: 'attempted' | 'acknowledged', t: number): number => {
  let i = 0;
  while (i + 1 < s.t.length && s.t[i + 1]! <= t) i++;
  if (which === 'attempted' && s.t[i]! < t && i + 1 < s.t.length) i++;
  return s[which][i] ?? 0;
};

function ring(x: number, y: number, examples: number[]): string {
  if (examples.length === 0) return '';
  const label = examples.map((e) => e + 1).join(',');
  return `<g class="example-op" data-example="${examples.join(' ')}"><circle cx="${num(x)}" cy="${num(y)}" r="6" fill="none" stroke="#d00" stroke-width="2"/>` +
    `<text x="${num(x + 7)}" y="${num(y - 6)}" fill="#d00" font-weight="bold">${label}</text></g>`;
}

function examplesOf(picture: CellPicture): Map<number, number[]> {
  const named = new Map<number, number[]>();
  picture.exampleOps.forEach((indices, e) => { for (const index of indices) named.set(index, [...(named.get(index) ?? []), e]); });
  return named;
}

function counterChart(picture: CellPicture, series: Series, reads: Op[]): Chart {
  const f = FRAME;
  const top = Math.max(1, ...series.attempted, ...reads.map((r) => valueOf(r.seen)!));
  const sx = scale(0, Math.max(1, picture.spanMs), f.left, f.width - f.right);
  const sy = scale(0, top, f.height - f.bottom, f.top);
  const step = (which: 'attempted' | 'acknowledged'): string =>
    series.t.map((t, i) => `${i === 0 ? 'M' : 'L'}${num(sx(t))} ${num(sy(series[which][i - 1] ?? 0))}L${num(sx(t))} ${num(sy(series[which][i]!))}`).join('');
  const upper = series.t.map((t, i) => `${num(sx(t))},${num(sy(series.attempted[i]!))}`);
  const lower = series.t.map((t, i) => `${num(sx(t))},${num(sy(series.acknowledged[i]!))}`).reverse();
  const lanes = lanesOf(picture);
  const named = examplesOf(picture);
  const dots = reads.map((r) => {
    const v = valueOf(r.seen)!;
    const outside = v < at(series, 'acknowledged', r.invoke) ? ' below' : v > at(series, 'attempted', r.complete ?? picture.spanMs) ? ' above' : '';
    const x = sx(r.invoke);
    return `<circle class="read${outside}" cx="${num(x)}" cy="${num(sy(v))}" r="2.5" fill="${workerColour(lanes.indexOf(String(r.worker)))}"/>${ring(x, sy(v), named.get(r.index) ?? [])}`;
  });
  const body = axes(f, [0, picture.spanMs], [0, top], 'time since the run began (ms)', series.op === 'incr' ? 'count' : 'total') +
    `<polygon class="band" points="${[...upper, ...lower].join(' ')}" fill="#cfe3f7" stroke="none"/>` +
    `<path d="${step('acknowledged')}" fill="none" stroke="#2b6cb0" stroke-width="1.5"/><path d="${step('attempted')}" fill="none" stroke="#8fb4dd" stroke-dasharray="4 2"/>` +
    dots.join('');
  const what = series.op === 'incr' ? 'increments' : `${series.op}s`;
  return {
    kind: 'counter',
    svg: svg(f, body, `reads against acknowledged and attempted ${what}`, 'chart'),
    caption: `Each dot is a read (coloured by worker) at the moment it began, at the ${series.op === 'incr' ? 'count' : 'total of the balances'} it saw. ` +
      `The band runs from the ${what} acknowledged (solid) to those attempted (dashed): a correct read lies inside it; a red-edged dot below it is missing acknowledged ${what}, one above it shows ${what} nobody made.`,
  };
}

function staleChart(picture: CellPicture, writes: Op[], reads: Op[]): Chart {
  const f = FRAME;
  const acked = writes.filter((w) => w.outcome === 'ok' && w.complete !== null).sort((a, b) => a.complete! - b.complete!);
  const versions = [...new Set(acked.map((w) => JSON.stringify(w.value)))];
  // A value no write produced is the initial one: version 0.
  const rank = (x: unknown): number => versions.indexOf(JSON.stringify(x)) + 1;
  const sx = scale(0, Math.max(1, picture.spanMs), f.left, f.width - f.right);
  const sy = scale(0, Math.max(1, versions.length), f.height - f.bottom, f.top);
  let path = `M${num(sx(0))} ${num(sy(0))}`;
  let current = 0;
  for (const w of acked) {
    path += `L${num(sx(w.complete!))} ${num(sy(current))}L${num(sx(w.complete!))} ${num(sy(rank(w.value)))}`;
    current = rank(w.value);
  }
  path += `L${num(sx(picture.spanMs))} ${num(sy(current))}`;
  const latestAt = (t: number): number => rank(acked.filter((w) => w.complete! < t).at(-1)?.value);
  const lanes = lanesOf(picture);
  const named = examplesOf(picture);
  const dots = reads.map((r) => {
    const x = sx(r.invoke);
    const y = sy(rank(r.seen));
    const stale = rank(r.seen) < latestAt(r.invoke);
    return `<circle class="read${stale ? ' below' : ''}" cx="${num(x)}" cy="${num(y)}" r="2.5" fill="${workerColour(lanes.indexOf(String(r.worker)))}"/>${ring(x, y, named.get(r.index) ?? [])}`;
  });
  const labels = ['initial', ...versions.map((v) => JSON.parse(v) as unknown)].map((v, i) =>
    `<text x="${f.width - f.right - 2}" y="${num(sy(i) - 2)}" text-anchor="end" font-size="9" fill="#2b6cb0">${esc(String(v))}</text>`);
  const body = axes(f, [0, picture.spanMs], [0, Math.max(1, versions.length)], 'time since the run began (ms)', 'version') +
    `<path d="${path}" fill="none" stroke="#2b6cb0" stroke-width="1.5"/>${labels.join('')}${dots.join('')}`;
  return {
    kind: 'stale',
    svg: svg(f, body, 'versions read against the latest acknowledged write', 'chart'),
    caption: 'The line is the latest acknowledged write (versions in the order they were written). Each dot is a read, coloured by worker, at the version it saw: a red-edged dot below the line read a value already replaced.',
  };
}

interface Probe { served: number; heapUsed: number }
const isProbe = (x: unknown): x is Probe => typeof x === 'object' && x !== null && typeof (x as Probe).served === 'number' && typeof (x as Probe).heapUsed === 'number';

function growthChart(picture: CellPicture, probes: Op[], counts: Record<string, number>): Chart {
  const f = FRAME;
  const lanes = lanesOf(picture);
  const byWorker = new Map<string, Probe[]>();
  for (const p of probes) byWorker.set(String(p.worker), [...(byWorker.get(String(p.worker)) ?? []), p.seen as Probe]);
  const points = [...byWorker.values()].flat();
  const bound = counts.boundBytesPerRequest;
  const maxServed = Math.max(1, ...points.map((p) => p.served));
  const maxHeap = Math.max(1, ...points.map((p) => p.heapUsed), ...[...byWorker.values()].map((ps) => (bound ? ps[0]!.heapUsed + bound * (maxServed - ps[0]!.served) : 0)));
  // From just below the lowest probe, not from 0: a few hundred kB per worker must show as a slope.
  const minHeap = Math.max(0, Math.min(...points.map((p) => p.heapUsed)) * 0.97);
  const sx = scale(0, maxServed, f.left, f.width - f.right);
  const sy = scale(minHeap / 1e6, maxHeap / 1e6, f.height - f.bottom, f.top);
  const lines = [...byWorker].map(([worker, ps]) => {
    const colour = workerColour(lanes.indexOf(worker));
    const sorted = [...ps].sort((a, b) => a.served - b.served);
    const d = sorted.map((p, i) => `${i ? 'L' : 'M'}${num(sx(p.served))} ${num(sy(p.heapUsed / 1e6))}`).join('');
    const first = sorted[0]!;
    const limit = bound ? `<path class="bound" d="M${num(sx(first.served))} ${num(sy(first.heapUsed / 1e6))}L${num(sx(maxServed))} ${num(sy((first.heapUsed + bound * (maxServed - first.served)) / 1e6))}" stroke="${colour}" stroke-dasharray="3 3" fill="none" opacity="0.6"/>` : '';
    return `<g class="worker-line" data-worker="${esc(worker)}"><path d="${d}" fill="none" stroke="${colour}" stroke-width="1.5"/>${sorted.map((p) => `<circle cx="${num(sx(p.served))}" cy="${num(sy(p.heapUsed / 1e6))}" r="2.5" fill="${colour}"/>`).join('')}${limit}</g>`;
  });
  return {
    kind: 'growth',
    svg: svg(f, axes(f, [0, maxServed], [minHeap / 1e6, maxHeap / 1e6], 'requests served by the worker', 'retained heap (MB)') + lines.join(''), 'retained heap over requests served', 'chart'),
    caption: `Each line is one worker's heap after a full GC at each probe, over the requests it had served. The dashed line from its first probe rises at the bound${bound ? ` (${bound.toLocaleString('en-US')} bytes per request)` : ''}: a worker above it keeps more per request than allowed (the checker skips the warm-up probes).`,
  };
}

function genericChart(picture: CellPicture): Chart {
  const f = FRAME;
  const top = Math.max(1, ...picture.series.map((s) => s.acknowledged.at(-1) ?? 0));
  const sx = scale(0, Math.max(1, picture.spanMs), f.left, f.width - f.right);
  const sy = scale(0, top, f.height - f.bottom, f.top);
  const lines = picture.series.map((s, i) => {
    const colour = workerColour(i);
    const d = s.t.map((t, j) => `${j ? 'L' : 'M'}${num(sx(t))} ${num(sy(s.acknowledged[j]!))}`).join('');
    return `<path d="${d}" fill="none" stroke="${colour}" stroke-width="1.5"/><text x="${num(sx(s.t.at(-1)!) - 2)}" y="${num(sy(s.acknowledged.at(-1)!) - 3)}" text-anchor="end" font-size="10" fill="${colour}">${esc(s.op)}</text>`;
  });
  const failures = picture.ops.filter((op) => op.outcome !== 'ok' && !op.outside).map((op) =>
    `<line class="failure ${op.outcome}" x1="${num(sx(op.invoke))}" x2="${num(sx(op.invoke))}" y1="${f.height - f.bottom}" y2="${f.height - f.bottom - 6}" stroke="${op.outcome === 'fail' ? '#e4572e' : '#f2b134'}"/>`);
  return {
    kind: 'generic',
    svg: svg(f, axes(f, [0, picture.spanMs], [0, top], 'time since the run began (ms)', 'acknowledged (cumulative)') + lines.join('') + failures.join(''), 'acknowledged operations of each kind over time', 'chart'),
    caption: 'Acknowledged operations of each kind over time (the counts are exact even when the timeline is sampled); ticks on the axis mark failed (red) and indeterminate (amber) requests.',
  };
}

export function stateChart(picture: CellPicture, counts: Record<string, number>): Chart {
  const reads = picture.ops.filter(isRead);
  const series = picture.series.find((s) => ACCUMULATING.includes(s.op));
  const numericReads = reads.filter((r) => valueOf(r.seen) !== undefined);
  if (series && numericReads.length > 0) return counterChart(picture, series, numericReads);
  if (picture.ops.some((op) => op.op === 'add') && reads.some((r) => Array.isArray(r.seen))) return setChart(picture);
  const writes = picture.ops.filter((op) => op.op === 'write');
  if (writes.length > 0 && reads.length > 0) return staleChart(picture, writes, reads);
  const probes = picture.ops.filter((op) => op.op === 'heap' && op.outcome === 'ok' && isProbe(op.seen));
  if (probes.length > 0) return growthChart(picture, probes, counts);
  if (picture.ops.some((op) => op.outcome === 'ok' && op.expected !== undefined)) return expectedChart(picture, examplesOf(picture));
  if (picture.ops.some((op) => op.user !== undefined)) return usersChart(picture, examplesOf(picture));
  return genericChart(picture);
}
