// Songs that share sample names, remixed over and over in turn. The scenario knows every right
// answer, because rendering is a pure function of the song. The inputs vary every field on its own
// (a cache key that leaves one out must fail): the same song at another tempo, in another key, with
// other samples, under another name; and two songs whose fields, glued together without a separator,
// spell the same key ("kick1" at 90 bpm and "kick" at 190 bpm, both in A minor).
import type { Scenario, ScenarioParams } from '../../harness/contract.js';
import { remixOf, type Song } from './song.js';

/** One input of the scenario, and the name the history gives it: unique, so that one name is one input. */
export interface Input { label: string; song: Song }

const SAMPLES = ['kick', 'snare', 'hat', 'bass', 'pad'];
const songA: Song = { name: 'song-a', tempo: 90, key: 'A minor', samples: SAMPLES };

export const INPUTS: readonly Input[] = [
  { label: 'song-a', song: songA },
  { label: 'song-b', song: { name: 'song-b', tempo: 128, key: 'C major', samples: SAMPLES } },
  { label: 'song-c', song: { name: 'song-c', tempo: 140, key: 'F minor', samples: ['kick', 'hat', 'pad'] } },
  { label: 'song-d', song: { name: 'song-d', tempo: 100, key: 'D major', samples: ['snare', 'bass'] } },
  { label: 'song-e', song: { name: 'song-e', tempo: 174, key: 'G minor', samples: SAMPLES.slice().reverse() } },
  { label: 'song-f', song: { name: 'song-f', tempo: 90, key: 'E major', samples: ['kick', 'bass', 'pad'] } },
  // song-a again, one field changed at a time: the name stays, the rendering does not.
  { label: 'song-a at 150 bpm', song: { ...songA, tempo: 150 } },
  { label: 'song-a in C minor', song: { ...songA, key: 'C minor' } },
  { label: 'song-a with drum kit 2', song: { ...songA, samples: ['kick1', 'snare1', 'hat', 'bass', 'pad'] } },
  // Another name for exactly song-a's input: a cache may share its renderings, and must.
  { label: 'song-g (a cover of song-a)', song: { ...songA, name: 'song-g' } },
  // "kick" at 190 bpm next to "kick1" at 90 bpm, in the same key: one key when glued without a separator.
  { label: 'song-h', song: { name: 'song-h', tempo: 190, key: 'A minor', samples: ['kick', 'snare', 'hat'] } },
];

export function staticCacheScenario({ requests, connections }: ScenarioParams): Scenario {
  return {
    steps: [{
      kind: 'load',
      label: 'remixes',
      amount: requests,
      connections,
      request: (seq) => {
        const { label, song } = INPUTS[seq % INPUTS.length]!;
        return {
          op: 'render',
          value: label,
          expected: remixOf(song),
          method: 'POST',
          path: '/remix',
          body: song,
          seen: (body: { parts?: unknown }) => body.parts,
        };
      },
    }],
  };
}
