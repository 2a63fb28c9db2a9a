// Small helpers for hand-written inline SVG: escaping, linear scales, axes, a colour per worker.
// Plain strings in, plain strings out: the report is one self-contained file with no library.

/** Text or an attribute value, safe inside HTML and SVG. */
export const esc = (x: unknown): string =>
  String(x).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');

/** A number for a coordinate: one decimal, no `-0`. */
export const num = (x: number): string => {
  const r = Math.round(x * 10) / 10;
  return Object.is(r, -0) || !Number.isFinite(r) ? '0' : String(r);
};

/** Maps [d0, d1] onto [r0, r1]; a flat domain maps to the middle. */
export function scale(d0: number, d1: number, r0: number, r1: number): (x: number) => number {
  const span = d1 - d0;
  return span === 0 ? () => (r0 + r1) / 2 : (x) => r0 + ((x - d0) / span) * (r1 - r0);
}

/** About `count` round tick values between lo and hi. */
export function ticks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Math.round(v * 1e6) / 1e6);
  return out;
}

export const short = (x: number): string =>
  Math.abs(x) >= 1e6 ? `${num(x / 1e6)}M` : Math.abs(x) >= 1e4 ? `${num(x / 1e3)}k` : x.toLocaleString('en-US');

export interface Frame { width: number; height: number; left: number; right: number; top: number; bottom: number }
export const FRAME: Frame = { width: 880, height: 220, left: 64, right: 16, top: 12, bottom: 30 };

/** An x axis (bottom) and a y axis (left) with ticks and labels. */
export function axes(f: Frame, x: [number, number], y: [number, number], xLabel: string, yLabel: string): string {
  const sx = scale(x[0], x[1], f.left, f.width - f.right);
  const sy = scale(y[0], y[1], f.height - f.bottom, f.top);
  const bottom = f.height - f.bottom;
  const parts = [`<g class="axes" font-size="10" fill="#555">`,
    `<line x1="${f.left}" y1="${bottom}" x2="${f.width - f.right}" y2="${bottom}" stroke="#999"/>`,
    `<line x1="${f.left}" y1="${f.top}" x2="${f.left}" y2="${bottom}" stroke="#999"/>`];
  for (const t of ticks(x[0], x[1])) parts.push(`<text x="${num(sx(t))}" y="${bottom + 12}" text-anchor="middle">${esc(short(t))}</text>`);
  for (const t of ticks(y[0], y[1], 4)) {
    parts.push(`<line x1="${f.left}" y1="${num(sy(t))}" x2="${f.width - f.right}" y2="${num(sy(t))}" stroke="#eee"/>`);
    parts.push(`<text x="${f.left - 4}" y="${num(sy(t) + 3)}" text-anchor="end">${esc(short(t))}</text>`);
  }
  parts.push(`<text x="${(f.left + f.width - f.right) / 2}" y="${f.height - 2}" text-anchor="middle">${esc(xLabel)}</text>`);
  parts.push(`<text transform="translate(11 ${(f.top + bottom) / 2}) rotate(-90)" text-anchor="middle">${esc(yLabel)}</text>`);
  parts.push('</g>');
  return parts.join('');
}

/**
 * A chart of `rows` rows of `rowHeight` over the run's time (timeline, answers, users): its frame, its
 * x scale, where row `i` begins, and the time ticks under the rows with the axis label; `grid` draws
 * a faint line across the rows at each tick.
 */
export function timeRows(spanMs: number, rows: number, rowHeight: number, grid = false): { f: Frame; sx: (t: number) => number; rowTop: (i: number) => number; parts: string[] } {
  const f = { ...FRAME, height: FRAME.top + rows * rowHeight + FRAME.bottom };
  const sx = scale(0, Math.max(1, spanMs), f.left, f.width - f.right);
  const rowTop = (i: number): number => f.top + i * rowHeight;
  const bottom = rowTop(rows);
  const parts = ticks(0, spanMs).map((t) => `${grid ? `<line x1="${num(sx(t))}" y1="${f.top}" x2="${num(sx(t))}" y2="${bottom}" stroke="#eee"/>` : ''}` +
    `<text class="tick" x="${num(sx(t))}" y="${bottom + 12}" text-anchor="middle">${esc(short(t))}</text>`);
  parts.push(`<text class="tick" x="${(f.left + f.width) / 2}" y="${f.height - 2}" text-anchor="middle">time since the run began (ms)</text>`);
  return { f, sx, rowTop, parts };
}

const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#7f7f7f', '#d62728'];
/** A colour per worker, stable within one cell (by the worker's place in the lane order). */
export const workerColour = (place: number): string => PALETTE[place % PALETTE.length]!;

export const OUTCOME_COLOUR = { ok: '#7fb77e', fail: '#e4572e', info: '#f2b134' } as const;

export const svg = (f: Frame, body: string, label: string, cls: string): string =>
  `<svg class="${cls}" role="img" aria-label="${esc(label)}" viewBox="0 0 ${f.width} ${f.height}" width="${f.width}" height="${f.height}">${body}</svg>`;
