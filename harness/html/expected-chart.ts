// The state chart of a history whose requests know their right answer (the scenario recorded it as
// `expected`: a pure computation served over HTTP): one row per worker, each answer a tick at the
// moment it was asked, green when it equals its right answer, red when it does not (another input's
// result, say). Pure: a picture in, SVG out.
import { isDeepStrictEqual } from 'node:util';
import type { Chart } from './charts.js';
import type { CellPicture } from './picture.js';
import { esc, num, svg, timeRows } from './svg.js';
import { lanesOf } from './timeline.js';

const ROW = 16;

export function expectedChart(picture: CellPicture, examples: Map<number, number[]>): Chart {
  const answers = picture.ops.filter((op) => op.outcome === 'ok' && op.expected !== undefined && op.worker !== null);
  const workers = lanesOf(picture).filter((w) => answers.some((op) => op.worker === w));
  const { f, sx, rowTop, parts } = timeRows(picture.spanMs, workers.length, ROW);
  workers.forEach((w, i) => {
    const y = rowTop(i);
    parts.push(`<g class="answers-row" data-worker="${esc(w)}"><text x="${f.left - 4}" y="${y + 11}" text-anchor="end">worker ${esc(w)}</text>`);
    for (const op of answers.filter((a) => a.worker === w)) {
      const right = isDeepStrictEqual(op.seen, op.expected);
      const x = num(sx(op.invoke));
      parts.push(`<line class="answer ${right ? 'right' : 'wrong'}" x1="${x}" x2="${x}" y1="${y + 2}" y2="${y + ROW - 2}" stroke="${right ? '#7fb77e' : '#d00'}" stroke-width="${right ? 1 : 2}"/>`);
      const named = examples.get(op.index);
      if (named) {
        parts.push(`<g class="example-op" data-example="${named.join(' ')}"><circle cx="${x}" cy="${y + ROW / 2}" r="6" fill="none" stroke="#d00" stroke-width="2"/>` +
          `<text x="${num(sx(op.invoke) + 7)}" y="${y + 4}" fill="#d00" font-weight="bold">${named.map((e) => e + 1).join(',')}</text></g>`);
      }
    }
    parts.push('</g>');
  });
  return {
    kind: 'expected',
    svg: svg(f, parts.join(''), 'answers against their right answer, per worker', 'chart'),
    caption: 'One row per worker; each answer is a tick at the moment it was asked: green when it equals the right answer for its own input (which the scenario knows), red when it does not.',
  };
}
