import { describe, expect, it } from 'vitest';
import { setChecker } from '../../../harness/checkers/set.js';
import { op } from '../../helpers/history.js';

const add = (user: string, item: string, at: number, worker = '1', fields = {}) => op('add', at, at + 1, { user, value: item, worker, ...fields });
const read = (user: string, items: string[], at: number, worker = '1') => op('read', at, at + 1, { user, seen: items, worker });

describe('setChecker (per-user sets, after Jepsen set)', () => {
  it('is ok when every user reads exactly their own acknowledged items', () => {
    const result = setChecker([add('u1', 'a', 0), add('u2', 'b', 2), read('u1', ['a'], 10), read('u2', ['b'], 12, '2')]);
    expect(result.verdict).toBe('ok');
    expect(result.counts).toMatchObject({ users: 2, acknowledged: 2, reads: 2, lost: 0, leaked: 0 });
  });

  it('is leaked when a user reads an item that only another user added, and names them', () => {
    const result = setChecker([add('u1', 'a', 0), add('u2', 'b', 2), read('u1', ['a', 'b'], 10, '3')]);
    expect(result.verdict).toBe('leaked');
    expect(result.anomalies).toEqual(['leaked']);
    expect(result.counts).toMatchObject({ leaked: 1, leakedReads: 1, lost: 0 });
    expect(result.examples).toEqual(["user u1's read on worker 3 showed item b, which only u2 added"]);
  });

  it('is lost when an acknowledged add is missing from a later read by its owner, and names the workers', () => {
    const history = [add('u1', 'a', 0, '2'), read('u1', [], 10, '1'), read('u1', ['a'], 12, '2'), read('u1', [], 14, '3')];
    const result = setChecker(history);
    expect(result.verdict).toBe('lost');
    expect(result.counts).toMatchObject({ lost: 1, lostReads: 2 });
    expect(result.examples).toEqual(['user u1 added item a on worker 2; 2 later read(s) by u1 on worker(s) 1, 3 do not show it']);
  });

  it('puts lost before leaked when both happen, and lists both', () => {
    const result = setChecker([add('u1', 'a', 0), add('u2', 'b', 2), read('u1', ['b'], 10)]);
    expect(result.verdict).toBe('lost');
    expect(result.anomalies).toEqual(['lost', 'leaked']);
  });

  it('lets two users add the same item, each to their own set', () => {
    expect(setChecker([add('u1', 'milk', 0), add('u2', 'milk', 2), read('u1', ['milk'], 10), read('u2', ['milk'], 12)]).verdict).toBe('ok');
    const third = setChecker([add('u1', 'milk', 0), add('u2', 'milk', 2), add('u3', 'eggs', 4), read('u3', ['eggs', 'milk'], 20)]);
    expect(third.verdict).toBe('leaked');
    expect(third.examples).toContain("user u3's read on worker 1 showed item milk, which only u1 and u2 added");
  });

  it('does not count a read that began before the add completed', () => {
    expect(setChecker([add('u1', 'a', 10), read('u1', [], 5), read('u1', ['a'], 20)]).verdict).toBe('ok');
  });

  it('lets an indeterminate add show up or not, and calls an item nobody added leaked', () => {
    const unsure = op('add', 5, null, { user: 'u1', value: 'maybe' });
    const shown = setChecker([add('u1', 'a', 0), unsure, read('u1', ['a', 'maybe'], 10)]);
    expect(shown.verdict).toBe('ok');
    expect(shown.counts).toMatchObject({ indeterminate: 1, recovered: 1 });
    const notShown = setChecker([add('u1', 'a', 0), unsure, read('u1', ['a'], 10)]);
    expect(notShown.verdict).toBe('ok');
    expect(notShown.counts).toMatchObject({ indeterminate: 1, recovered: 0 });
    const ghost = setChecker([add('u1', 'a', 0), read('u1', ['a', 'ghost'], 10)]);
    expect(ghost.verdict).toBe('leaked');
    expect(ghost.examples[0]).toContain('which nobody added');
  });

  // An add's answer carries the user's list after the add: it is judged as a read that must show the
  // item just added (read your own write), every item of that user acknowledged before it, and nobody else's.
  describe("an add's own answer", () => {
    const added = (user: string, item: string, at: number, list: string[], worker = '1') => add(user, item, at, worker, { seen: list });

    it('is ok when it shows the item just added and the earlier ones', () => {
      const result = setChecker([added('u1', 'a', 0, ['a']), added('u1', 'b', 10, ['a', 'b'], '2'), read('u1', ['a', 'b'], 20)]);
      expect(result.verdict).toBe('ok');
      expect(result.counts).toMatchObject({ answers: 2, notInOwnAnswer: 0, lost: 0, leaked: 0 });
    });

    it('is lost when it does not show the item just added (answered before the store applied the add)', () => {
      // The later read shows it: only the answer itself came too early.
      const result = setChecker([added('u1', 'a', 0, ['a']), added('u1', 'b', 10, ['a'], '3'), read('u1', ['a', 'b'], 20)]);
      expect(result.verdict).toBe('lost');
      expect(result.counts).toMatchObject({ answers: 2, notInOwnAnswer: 1, lost: 1, lostReads: 1 });
      expect(result.examples).toEqual(['user u1 added item b on worker 3; the list in that same answer does not show it']);
    });

    it('comes first among the examples: it says the most', () => {
      const history = [added('u1', 'a', 0, ['a']), read('u1', [], 5, '2'), added('u1', 'b', 10, ['a'], '3')];
      expect(setChecker(history).examples).toEqual([
        'user u1 added item b on worker 3; the list in that same answer does not show it',
        'user u1 added item a on worker 1; 1 later read(s) by u1 on worker(s) 2 do not show it',
      ]);
    });

    it('is lost when it misses an item of the user acknowledged before this add began', () => {
      const result = setChecker([added('u1', 'a', 0, ['a'], '1'), added('u1', 'b', 10, ['b'], '2'), read('u1', ['a', 'b'], 20)]);
      expect(result.verdict).toBe('lost');
      expect(result.examples).toEqual(['user u1 added item a on worker 1; 1 later read(s) by u1 on worker(s) 2 do not show it']);
    });

    it("is leaked when it shows another user's item", () => {
      const result = setChecker([added('u2', 'x', 0, ['x']), added('u1', 'a', 10, ['x', 'a']), read('u1', ['a'], 20), read('u2', ['x'], 22)]);
      expect(result.verdict).toBe('leaked');
      expect(result.counts).toMatchObject({ leaked: 1, leakedReads: 1 });
    });

    it('is not judged when the answer carries no list', () => {
      const history = [add('u1', 'a', 0, '1', { seen: undefined }), add('u1', 'b', 10, '1', { seen: { added: 'b' } }), read('u1', ['a', 'b'], 20)];
      expect(setChecker(history)).toMatchObject({ verdict: 'ok', counts: { answers: 0 } });
    });
  });

  it("calls u11's items in u1's list leaked (an owner test or key built without a separator)", () => {
    const history = [add('u1', 'u1-0', 0), add('u11', 'u11-1', 2), read('u1', ['u1-0', 'u11-1'], 10, '2'), read('u11', ['u11-1'], 12)];
    const result = setChecker(history);
    expect(result.verdict).toBe('leaked');
    expect(result.examples).toEqual(["user u1's read on worker 2 showed item u11-1, which only u11 added"]);
  });

  it('is lost when a change is seen on one worker and not on the others (an invalidation only one worker hears)', () => {
    // u1's list changes on worker 1; worker 2 reloads it, workers 3 and 4 still answer their old copy.
    const history = [add('u1', 'a', 0, '1'), read('u1', ['a'], 5, '3'), read('u1', ['a'], 6, '4'), add('u1', 'b', 10, '1'),
      read('u1', ['a', 'b'], 20, '2'), read('u1', ['a'], 22, '3'), read('u1', ['a'], 24, '4')];
    const result = setChecker(history);
    expect(result.verdict).toBe('lost');
    expect(result.counts).toMatchObject({ lost: 1, lostReads: 2 });
    expect(result.examples).toEqual(['user u1 added item b on worker 1; 2 later read(s) by u1 on worker(s) 3, 4 do not show it']);
  });

  it('is unknown when nothing was acknowledged or nothing was read', () => {
    expect(setChecker([]).verdict).toBe('unknown');
    expect(setChecker([add('u1', 'a', 0)]).verdict).toBe('unknown');
    expect(setChecker([read('u1', [], 0)]).verdict).toBe('unknown');
  });
});
