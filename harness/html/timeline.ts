// The timeline of one cell, after Jepsen's timeline.html: one lane per worker (per host x worker),
// each operation a mark over its invoke -> complete span, coloured by outcome (ok / fail /
// indeterminate); the operations the checker's examples name ringed and numbered; the moments
// workers left (killed, retired, crashed) marked on their lanes. Pure: a picture in, SVG out.
import type { Op } from '../history.js';
import type { CellPicture } from './picture.js';
import { esc, num, svg, timeRows } from './svg.js';

const SUB_ROWS = 4;
const ROW = 5;
const LANE = SUB_ROWS * ROW + 8;
/** Lanes that are not workers: operations nobody answered, and what the scenario did from outside. */
export const NO_ANSWER = 'no answer';
export const OUTSIDE = 'outside';

// An answer that names no worker (a command variant without a worker header) is worker "unknown", as
// history.ts's spreadOf counts it; only a request never answered goes to the "no answer" lane.
const laneOf = (op: Op): string => (op.outside ? OUTSIDE : op.worker ?? (op.status === null ? NO_ANSWER : 'unknown'));
const numeric = (a: string, b: string): number => a.localeCompare(b, 'en', { numeric: true });

/** The lanes in order: workers by id, then the other two when there is anything on them. */
export function lanesOf(picture: CellPicture): string[] {
  const workers = new Set<string>();
  for (const op of picture.ops) if (laneOf(op) !== OUTSIDE && laneOf(op) !== NO_ANSWER) workers.add(laneOf(op));
  for (const f of picture.faults) workers.add(f.worker);
  const others = [NO_ANSWER, OUTSIDE].filter((l) => picture.ops.some((op) => laneOf(op) === l));
  return [...[...workers].sort(numeric), ...others];
}

/** What an operation's mark says when hovered: only for the few that matter (examples, failures), to keep the file small. */
const describe = (op: Op): string =>
  `#${op.index} ${op.op}${op.user ? ` ${op.user}` : ''}${op.value !== undefined ? ` ${JSON.stringify(op.value)}` : ''} → ${op.outcome}` +
  `${op.status !== null ? ` ${op.status}` : ''}${op.seen !== undefined ? ` saw ${JSON.stringify(op.seen).slice(0, 80)}` : ''}${op.error ? ` (${op.error})` : ''}`;

export function timelineSvg(picture: CellPicture, examples: string[]): string {
  const lanes = lanesOf(picture);
  const { f, sx, rowTop: laneTop, parts } = timeRows(picture.spanMs, lanes.length, LANE, true);
  const exampleOf = new Map<number, number[]>();
  picture.exampleOps.forEach((indices, e) => {
    for (const index of indices) exampleOf.set(index, [...(exampleOf.get(index) ?? []), e]);
  });
  const rings: string[] = [];
  lanes.forEach((lane, i) => {
    const top = laneTop(i);
    const kind = lane === NO_ANSWER || lane === OUTSIDE ? 'other' : 'worker';
    const marks: string[] = [];
    const rowEnds = new Array<number>(SUB_ROWS).fill(-Infinity);
    for (const op of picture.ops) {
      if (laneOf(op) !== lane) continue;
      const x0 = sx(op.invoke);
      const x1 = Math.max(x0 + 1.5, sx(op.complete ?? picture.spanMs));
      // Overlapping operations (concurrent connections on one worker) take the first free sub-row.
      let row = rowEnds.findIndex((end) => end <= x0);
      if (row < 0) row = SUB_ROWS - 1;
      rowEnds[row] = x1;
      const y = top + 4 + row * ROW;
      const named = exampleOf.get(op.index);
      const hover = op.outcome !== 'ok' || named ? `<title>${esc(describe(op))}</title>` : '';
      marks.push(`<rect class="op ${op.outcome}${op.expectFail ? ' expected' : ''}" x="${num(x0)}" y="${y}" width="${num(x1 - x0)}" height="${ROW - 1}">${hover}</rect>`);
      if (named) {
        const label = named.map((e) => e + 1).join(',');
        rings.push(`<g class="example-op" data-example="${named.join(' ')}" data-index="${op.index}" data-worker="${esc(lane)}">` +
          `<rect x="${num(x0 - 3)}" y="${y - 3}" width="${num(x1 - x0 + 6)}" height="${ROW + 5}" fill="none" stroke="#d00" stroke-width="2"/>` +
          `<text x="${num(x0 + (x1 - x0) / 2)}" y="${top + 2}" text-anchor="middle" fill="#d00" font-weight="bold">${label}</text>` +
          `<title>${esc(`example ${label}: ${named.map((e) => examples[e]).join(' / ')}`)}\n${esc(describe(op))}</title></g>`);
      }
    }
    const faults = picture.faults.filter((fault) => fault.worker === lane).map((fault) =>
      `<g class="fault" data-reason="${fault.reason}" data-worker="${esc(lane)}"><line x1="${num(sx(fault.at))}" y1="${top}" x2="${num(sx(fault.at))}" y2="${top + LANE - 2}" stroke="#000" stroke-width="2"/>` +
      `<text x="${num(sx(fault.at) + 3)}" y="${top + LANE - 4}">${fault.reason}</text><title>worker ${esc(lane)} ${fault.reason} after its last answer at ${Math.round(fault.at)} ms</title></g>`);
    parts.push(`<g class="lane ${kind}" data-worker="${esc(lane)}"><rect x="${f.left}" y="${top}" width="${f.width - f.left - f.right}" height="${LANE - 2}" fill="${i % 2 ? '#fafafa' : '#f3f3f3'}"/>` +
      `<text class="lane-label" x="${f.left - 4}" y="${top + LANE / 2 + 3}" text-anchor="end">${kind === 'worker' ? `worker ${esc(lane)}` : esc(lane)}</text>${marks.join('')}${faults.join('')}</g>`);
  });
  parts.push(...rings);
  return svg(f, parts.join(''), `timeline: ${lanes.length} lanes, ${picture.ops.length} of ${picture.total} operations drawn`, 'timeline');
}
