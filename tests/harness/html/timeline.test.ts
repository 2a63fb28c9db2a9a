// The timeline's lanes: one per worker, then "no answer" and "outside" when anything is on them.
import { describe, expect, it } from 'vitest';
import { spreadOf } from '../../../harness/history.js';
import { pictureOf } from '../../../harness/html/picture.js';
import { lanesOf, NO_ANSWER, OUTSIDE, timelineSvg } from '../../../harness/html/timeline.js';
import { increments, op } from '../../helpers/history.js';

describe('lanesOf', () => {
  it('puts answers that name no worker (a command without a worker header) on worker "unknown", as spreadOf counts them; only unanswered requests on "no answer"', () => {
    const history = [
      ...increments(3, 0, ['2', '10']),
      op('incr', 10, 11, { value: 1, worker: null }),
      op('read', 12, 13, { seen: 3, worker: null }),
      op('incr', 14, null, { value: 1, worker: null }),
      op('write', 16, 17, { worker: null, status: null, outside: true }), // as load.ts's runOutside records it
    ];
    const picture = pictureOf({ history, exits: [] }, []);
    expect(lanesOf(picture)).toEqual(['2', '10', 'unknown', NO_ANSWER, OUTSIDE]);
    expect(spreadOf(history)).toEqual({ 2: 2, 10: 1, unknown: 2 });
    const svg = timelineSvg(picture, []);
    const marks = (lane: string): number => svg.split(`data-worker="${lane}"`)[1]!.split('</g>')[0]!.match(/class="op /g)?.length ?? 0;
    expect(marks('unknown')).toBe(2);
    expect(marks(NO_ANSWER)).toBe(1);
    expect(svg).toContain('>worker unknown</text>');
  });

  it('has no "unknown" lane when every answer names its worker', () => {
    const history = [...increments(4, 0, ['1', '2']), op('incr', 10, null, { value: 1, worker: null })];
    expect(lanesOf(pictureOf({ history, exits: [] }, []))).toEqual(['1', '2', NO_ANSWER]);
  });
});
