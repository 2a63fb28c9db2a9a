// Six songs that share sample names but not tempo or key, remixed over and over in turn. The scenario
// knows every right answer, because rendering is a pure function of the song.
import type { Scenario, ScenarioParams } from '../../harness/contract.js';
import { remixOf, type Song } from './song.js';

const SAMPLES = ['kick', 'snare', 'hat', 'bass', 'pad'];
export const SONGS: Song[] = [
  { name: 'song-a', tempo: 90, key: 'A minor', samples: SAMPLES },
  { name: 'song-b', tempo: 128, key: 'C major', samples: SAMPLES },
  { name: 'song-c', tempo: 140, key: 'F minor', samples: ['kick', 'hat', 'pad'] },
  { name: 'song-d', tempo: 100, key: 'D major', samples: ['snare', 'bass'] },
  { name: 'song-e', tempo: 174, key: 'G minor', samples: SAMPLES.slice().reverse() },
  { name: 'song-f', tempo: 90, key: 'E major', samples: ['kick', 'bass', 'pad'] },
];

export function staticCacheScenario({ requests, connections }: ScenarioParams): Scenario {
  return {
    steps: [{
      kind: 'load',
      label: 'remixes',
      amount: requests,
      connections,
      request: (seq) => {
        const song = SONGS[seq % SONGS.length]!;
        return {
          op: 'render',
          value: song.name,
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
