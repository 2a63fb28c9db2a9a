// MUTANT: keys the cache by sample and musical key, leaving out the tempo
// "Tempo only changes playback speed" is wrong for a rendering that time-stretches: the same
// sample in the same key at another tempo is another rendering.
import { defineVariant } from '../../../harness/contract.js';
import { remixApp, renderSample, type Song } from '../song.js';

const MAX_CACHED = 10_000;

class SongRenderer {
  static sampleCache = new Map<string, string>();

  constructor(private readonly song: Song) {}

  remix(): string[] {
    return this.song.samples.map((sample) => {
      const cacheKey = JSON.stringify([sample, this.song.key]); // MUTANT: no tempo
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
