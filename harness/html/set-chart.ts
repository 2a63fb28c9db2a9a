// The state chart of a set per user (a shopping list, say): for each user, one row per worker and
// one dot per item, from that worker's last read of the user's list. A filled green dot: the item is
// the user's and the read showed it; hollow: the user's acknowledged item the read did not show
// (lost); red: an item of somebody else's that the read showed (leaked). Pure: a picture in, SVG out.
import type { Op } from '../history.js';
import type { Chart } from './charts.js';
import type { CellPicture } from './picture.js';
import { esc, num, svg } from './svg.js';
import { lanesOf } from './timeline.js';

const MOST_USERS = 6;
const MOST_ITEMS = 48;
const COL = 12;
const ROW = 11;

export function setChart(picture: CellPicture): Chart {
  const adds = picture.ops.filter((op) => op.op === 'add' && op.user !== undefined && op.outcome !== 'fail');
  const reads = picture.ops.filter((op) => op.op === 'read' && op.outcome === 'ok' && op.user !== undefined && Array.isArray(op.seen));
  const own = new Map<string, string[]>();
  for (const add of adds) if (add.outcome === 'ok') own.set(add.user!, [...new Set([...(own.get(add.user!) ?? []), String(add.value)])]);
  // Users named in the examples first: their rows are the ones the verdict is about.
  const named = new Set(picture.exampleOps.flat().map((i) => picture.ops.find((op) => op.index === i)?.user).filter((u) => u !== undefined));
  const users = [...new Set(reads.map((r) => r.user!))].sort((a, b) => Number(named.has(b)) - Number(named.has(a)) || a.localeCompare(b, 'en', { numeric: true })).slice(0, MOST_USERS);
  const workers = lanesOf(picture).filter((l) => reads.some((r) => r.worker === l));
  const lastRead = new Map<string, Op>();
  for (const r of reads) lastRead.set(`${r.user}\0${r.worker}`, r);
  const left = 84;
  const parts: string[] = [];
  let y = 4;
  for (const user of users) {
    const mine = own.get(user) ?? [];
    const foreign = [...new Set(workers.flatMap((w) => ((lastRead.get(`${user}\0${w}`)?.seen as unknown[] | undefined) ?? []).map(String)))].filter((i) => !mine.includes(i));
    // Some room for others' items whenever a read showed any: the leak must be visible however many items the user has.
    const ownColumns = Math.min(mine.length, MOST_ITEMS - Math.min(foreign.length, MOST_ITEMS / 4));
    const columns = [...mine.slice(0, ownColumns), ...foreign.slice(0, MOST_ITEMS - ownColumns)];
    const hidden = mine.length + foreign.length - columns.length;
    parts.push(`<g class="user" data-user="${esc(user)}"><text x="4" y="${y + 10}" font-weight="bold">user ${esc(user)}</text>` +
      `<text x="${left + 8}" y="${y + 10}" font-size="10" fill="#555">${mine.length} own item(s)${foreign.length ? `, ${foreign.length} of others` : ''}${hidden ? ` (${hidden} not drawn)` : ''}</text>`);
    y += 14;
    for (const w of workers) {
      const read = lastRead.get(`${user}\0${w}`);
      const seen = new Set(((read?.seen as unknown[] | undefined) ?? []).map(String));
      parts.push(`<text x="${left - 6}" y="${y + 8}" text-anchor="end" font-size="10">worker ${esc(w)}</text>`);
      if (!read) parts.push(`<text x="${left}" y="${y + 8}" font-size="10" fill="#999">no read of ${esc(user)} on this worker</text>`);
      else {
        columns.forEach((item, c) => {
          const cx = num(left + c * COL + COL / 2);
          const cy = num(y + ROW / 2);
          const isOwn = c < ownColumns;
          const cls = isOwn ? (seen.has(item) ? 'shown' : 'missing') : seen.has(item) ? 'leaked' : 'absent';
          if (cls !== 'absent') parts.push(`<circle class="item ${cls}" cx="${cx}" cy="${cy}" r="4"><title>${esc(`${item}: ${cls}`)}</title></circle>`);
        });
      }
      y += ROW;
    }
    parts.push('</g>');
    y += 6;
  }
  const f = { width: 880, height: Math.max(40, y + 4), left, right: 8, top: 4, bottom: 4 };
  return {
    kind: 'set',
    svg: svg(f, parts.join(''), 'which items each worker showed each user', 'chart'),
    caption: `Per user (at most ${MOST_USERS}; those the examples name first), one row per worker from its last read of that user's list: ` +
      'green = the user\'s item shown, hollow = the user\'s acknowledged item missing (lost), red = another user\'s item shown (leaked).',
  };
}
