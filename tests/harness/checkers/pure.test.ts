import { describe, expect, it } from 'vitest';
import { pureChecker } from '../../../harness/checkers/pure.js';
import { op } from '../../helpers/history.js';

const render = (song: string, expected: string[], seen: string[], worker = '1', at = 0) =>
  op('render', at, at + 1, { value: song, expected, seen, worker });

describe('pureChecker', () => {
  it('is ok when every answer is the result for its own input', () => {
    const result = pureChecker([render('a', ['kick@90'], ['kick@90']), render('b', ['kick@128'], ['kick@128'], '2')]);
    expect(result.verdict).toBe('ok');
    expect(result.counts).toMatchObject({ renders: 2, wrong: 0, inconsistentInputs: 0 });
  });

  it("is leaked when an answer carries a part computed for another input, and says whose", () => {
    const history = [render('a', ['kick@90', 'snare@90'], ['kick@90', 'snare@90']), render('b', ['kick@128', 'snare@128'], ['kick@90', 'snare@128'], '3')];
    const result = pureChecker(history);
    expect(result.verdict).toBe('leaked');
    expect(result.counts).toMatchObject({ wrong: 1, wrongParts: 1, workersWrong: 1, inconsistentInputs: 0 });
    expect(result.examples[0]).toBe('b on worker 3 got kick@90 (computed for a) instead of kick@128');
  });

  it('shows the same input answered differently by different workers', () => {
    const history = [
      render('a', ['k@90'], ['k@90'], '1'), render('b', ['k@128'], ['k@128'], '2'), render('c', ['k@140'], ['k@140'], '1'),
      render('c', ['k@140'], ['k@90'], '1', 5), render('c', ['k@140'], ['k@128'], '2', 6),
    ];
    const result = pureChecker(history);
    expect(result.counts).toMatchObject({ wrong: 2, inconsistentInputs: 1, workersWrong: 2 });
    expect(result.examples).toEqual([
      'c on worker 1 got k@90 (computed for a) instead of k@140',
      'c on worker 2 got k@128 (computed for b) instead of k@140',
      'c got 3 different answers for the same input',
    ]);
  });

  it('is leaked when one input gets different answers even without a known expected result', () => {
    const history = [op('render', 0, 1, { value: 'a', seen: ['x'] }), op('render', 2, 3, { value: 'a', seen: ['y'] })];
    expect(pureChecker(history).verdict).toBe('leaked');
  });

  it('says so when an answer has fewer or more parts than it should', () => {
    expect(pureChecker([render('a', ['k@90', 's@90'], ['k@90'], '2')]).examples[0]).toBe('a on worker 2 got only 1 of its 2 parts');
    expect(pureChecker([render('a', ['k@90'], ['k@90', 'x'], '2')]).examples[0]).toBe('a on worker 2 got x (that no input produces) instead of nothing');
  });

  it('counts one input per name and right result: a name re-rendered differently is another input, not an inconsistent one', () => {
    // song-a at 90 and at 150 bpm, each answered right on two workers: the answers differ, as they must.
    const history = [
      render('song-a', ['kick@90'], ['kick@90'], '1'), render('song-a', ['kick@150'], ['kick@150'], '2', 1),
      render('song-a', ['kick@90'], ['kick@90'], '2', 2), render('song-a', ['kick@150'], ['kick@150'], '1', 3),
    ];
    const result = pureChecker(history);
    expect(result.verdict).toBe('ok');
    expect(result.counts).toMatchObject({ renders: 4, inputs: 2, wrong: 0, inconsistentInputs: 0 });
  });

  it('is leaked when a cache keyed by the name serves one rendering of a name for another (the song-name cache)', () => {
    const history = [
      render('song-a', ['kick@90', 'pad@90'], ['kick@90', 'pad@90'], '1'),
      render('song-a at 150 bpm', ['kick@150', 'pad@150'], ['kick@90', 'pad@90'], '1', 1),
      render('song-a at 150 bpm', ['kick@150', 'pad@150'], ['kick@150', 'pad@150'], '2', 2),
    ];
    const result = pureChecker(history);
    expect(result.verdict).toBe('leaked');
    expect(result.counts).toMatchObject({ inputs: 2, wrong: 1, wrongParts: 2, inconsistentInputs: 1, workersWrong: 1 });
    expect(result.examples).toEqual([
      'song-a at 150 bpm on worker 1 got kick@90 (computed for song-a) instead of kick@150',
      'song-a at 150 bpm got 2 different answers for the same input',
    ]);
  });

  it('is leaked when two inputs whose key fields run together share an entry (a key without a separator)', () => {
    // "kick1" at 90 and "kick" at 190 both glue into "kick190": whichever renders first answers both.
    const history = [
      render('kit 2', ['kick1@90'], ['kick1@90'], '1'),
      render('fast', ['kick@190'], ['kick1@90'], '1', 1),
    ];
    expect(pureChecker(history).examples[0]).toBe('fast on worker 1 got kick1@90 (computed for kit 2) instead of kick@190');
  });

  it('names the first input in the history that produces a part, when several inputs share it', () => {
    // song-g is song-a under another name: the same parts, rightly. A wrong answer says song-a's.
    const history = [
      render('song-a', ['kick@90'], ['kick@90'], '1'), render('song-g', ['kick@90'], ['kick@90'], '1', 1),
      render('song-b', ['kick@128'], ['kick@90'], '1', 2),
    ];
    expect(pureChecker(history).examples[0]).toBe('song-b on worker 1 got kick@90 (computed for song-a) instead of kick@128');
  });

  it('is unknown when no render succeeded', () => {
    expect(pureChecker([]).verdict).toBe('unknown');
    expect(pureChecker([op('render', 0, 1, { value: 'a', outcome: 'fail', status: 400 })]).verdict).toBe('unknown');
  });
});
