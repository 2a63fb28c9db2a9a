// MUTANT: keys the cache by sample, tempo and key glued together without a separator
// Every field is in the key, but not where one ends and the next begins: sample "kick1" at 90 bpm
// and sample "kick" at 190 bpm (same key) both become "kick190...". Drum kits do number their samples.
import { defineVariant } from '../../../harness/contract.js';
import { remixApp, renderSample, type Song } from '../song.js';

const MAX_CACHED = 10_000;

class SongRenderer {
  static sampleCache = new Map<string, string>();

  constructor(private readonly song: Song) {}

  remix(): string[] {
    return this.song.samples.map((sample) => {
      const cacheKey = `${sample}${this.song.tempo}${this.song.key}`; // MUTANT: two inputs, one key
      let rendered = SongRenderer.sampleCache.get(cacheKey);
      if (rendered === undefined) {
        rendered = renderSample(sample, this.song);
        if (SongRenderer.sampleCache.size >= MAX_CACHED) SongRenderer.sampleCache.clear();
        SongRenderer.sampleCache.set(cacheKey, rendered);
      }
      return rendered;
    });
  }
}

export default defineVariant(() => remixApp(SongRenderer));
