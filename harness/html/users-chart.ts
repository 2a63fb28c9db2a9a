// The state chart of a history whose requests belong to users (sessions, carts...) when no other
// chart fits: one row per user, each request a mark at its time, coloured by its outcome, with the
// worker that answered written under the ones that failed: "logged in on worker 1, refused on 2".
// Pure: a picture in, SVG out.
import type { Chart } from './charts.js';
import type { CellPicture } from './picture.js';
import { esc, num, OUTCOME_COLOUR, svg, timeRows } from './svg.js';

const MOST_USERS = 8;
const ROW = 22;

export function usersChart(picture: CellPicture, examples: Map<number, number[]>): Chart {
  const mine = picture.ops.filter((op) => op.user !== undefined && !op.outside);
  const named = new Set(mine.filter((op) => examples.has(op.index)).map((op) => op.user!));
  const users = [...new Set(mine.map((op) => op.user!))]
    .sort((a, b) => Number(named.has(b)) - Number(named.has(a)) || a.localeCompare(b, 'en', { numeric: true })).slice(0, MOST_USERS);
  const { f, sx, rowTop, parts } = timeRows(picture.spanMs, users.length, ROW);
  users.forEach((user, i) => {
    const y = rowTop(i);
    parts.push(`<g class="user-row" data-user="${esc(user)}"><rect x="${f.left}" y="${y}" width="${f.width - f.left - f.right}" height="${ROW - 2}" fill="${i % 2 ? '#fafafa' : '#f3f3f3'}"/>` +
      `<text x="${f.left - 4}" y="${y + 12}" text-anchor="end">${esc(user)}</text>`);
    for (const op of mine.filter((o) => o.user === user)) {
      const x = sx(op.invoke);
      const colour = op.outcome === 'fail' && op.expectFail ? '#c9b8b3' : OUTCOME_COLOUR[op.outcome];
      parts.push(`<rect class="mark ${op.outcome}" x="${num(x)}" y="${y + 2}" width="2" height="9" fill="${colour}"><title>${esc(`${op.op} on worker ${op.worker ?? '?'} → ${op.status ?? 'no answer'}`)}</title></rect>`);
      if (op.outcome !== 'ok' && !op.expectFail) parts.push(`<text x="${num(x)}" y="${y + 19}" font-size="8" text-anchor="middle" fill="#a33">${esc(op.worker ?? '?')}</text>`);
      const e = examples.get(op.index);
      if (e) parts.push(`<g class="example-op" data-example="${e.join(' ')}"><circle cx="${num(x + 1)}" cy="${y + 6}" r="6" fill="none" stroke="#d00" stroke-width="2"/></g>`);
    }
    parts.push('</g>');
  });
  return {
    kind: 'users',
    svg: svg(f, parts.join(''), 'requests of each user over time', 'chart'),
    caption: `One row per user (at most ${MOST_USERS}; those the examples name first): each request a mark, green answered, red refused (the worker that refused it under it), grey a refusal the scenario expected, amber no answer.`,
  };
}
