// MUTANT: a fixed-size table of 64 slots picked by a hash of the whole key, and a hit never checks which key is in the slot
// Bounded by construction (no clear() needed), and the key has every field. But two inputs whose
// keys hash to the same slot share one entry: the first one rendered is served for both.
import { defineVariant } from '../../../harness/contract.js';
import { remixApp, renderSample, type Song } from '../song.js';

const SLOTS = 64;

/** djb2, a classic string hash. */
function hashOf(text: string): number {
  let h = 5381;
  for (let i = 0; i < text.length; i++) h = ((h * 33) ^ text.charCodeAt(i)) >>> 0;
  return h;
}

class SongRenderer {
  static slots: Array<string | undefined> = new Array(SLOTS);

  constructor(private readonly song: Song) {}

  remix(): string[] {
    return this.song.samples.map((sample) => {
      const slot = hashOf(JSON.stringify([sample, this.song.tempo, this.song.key])) % SLOTS;
      // MUTANT: whatever is in the slot is taken as this input's rendering; the key is not stored to compare.
      let rendered = SongRenderer.slots[slot];
      if (rendered === undefined) {
        rendered = renderSample(sample, this.song);
        SongRenderer.slots[slot] = rendered;
      }
      return rendered;
    });
  }
}

export default defineVariant(() => remixApp(SongRenderer));
