// MUTANT: keys the cache by sample and tempo, leaving out the musical key
// Adds the field everyone remembers (tempo) and forgets the one that changes the pitch: the same
// sample at the same tempo in another key is another rendering.
import { defineVariant } from '../../../harness/contract.js';
import { remixApp, renderSample, type Song } from '../song.js';

const MAX_CACHED = 10_000;

class SongRenderer {
  static sampleCache = new Map<string, string>();

  constructor(private readonly song: Song) {}

  remix(): string[] {
    return this.song.samples.map((sample) => {
      const cacheKey = `${sample}:${this.song.tempo}`; // MUTANT: no musical key
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
