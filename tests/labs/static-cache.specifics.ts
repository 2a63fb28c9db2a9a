// What the static-cache matrix must show beyond its verdicts: the numbers and examples that teach the bug.
// Read by tests/catalog.test.ts (one file per lab: adding a lab never edits a shared test).
import { cell, type LabSpecifics } from './cell.js';
import { INPUTS } from '../../labs/static-cache/scenario.js';
import type { Song } from '../../labs/static-cache/song.js';

const FIELDS = ['name', 'tempo', 'key', 'samples'] as const;
const differsIn = (a: Song, b: Song): string[] => FIELDS.filter((f) => JSON.stringify(a[f]) !== JSON.stringify(b[f]));
const songs = INPUTS.map((i) => i.song);
const pairs = songs.flatMap((a, i) => songs.slice(i + 1).map((b) => [a, b] as const));
/** Two different renderings whose fields, glued together without a separator, spell one key. */
const glueCollides = (a: Song, b: Song): boolean =>
  a.samples.some((sa) => b.samples.some((sb) => sa !== sb && `${sa}${a.tempo}${a.key}` === `${sb}${b.tempo}${b.key}`));

const specifics: LabSpecifics = (r, expect) => {
  // The inputs vary every field on its own: for each field, two songs that differ in it alone. And
  // two songs whose sample, tempo and key glued together without a separator give the same key.
  expect(new Set(INPUTS.map((i) => i.label)).size).toBe(INPUTS.length);
  for (const field of FIELDS) expect(pairs.some(([a, b]) => differsIn(a, b).join() === field), `a pair differing in ${field} only`).toBe(true);
  expect(pairs.some(([a, b]) => glueCollides(a, b)), 'two inputs whose glued keys collide').toBe(true);

  expect(cell(r, 'buggy', 1).examples[0]).toMatch(/^song-\w[\w ()-]* on worker 1 got \w+@\d+bpm\/[\w ]+ \(computed for song-\w[\w ()-]*\) instead of /);
  // With N workers each worker poisons its own cache: the wrong answer depends on the worker.
  expect(cell(r, 'buggy', 4).counts.workersWrong).toBe(4);
  expect(cell(r, 'buggy', 4).counts.inconsistentInputs).toBeGreaterThan(0);
  for (const workers of [1, 4]) {
    // Every input was asked for and judged (one label, one input), and every answer was right.
    expect(cell(r, 'fixed', workers).counts).toMatchObject({ inputs: INPUTS.length, wrong: 0, inconsistentInputs: 0 });
  }
};
export default specifics;
