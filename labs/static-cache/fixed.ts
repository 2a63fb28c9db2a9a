// The same service with the cache keyed by everything a rendering depends on.
import { defineVariant } from '../../harness/contract.js';
import { remixApp, renderSample, type Song } from './song.js';

/** A bound on the cache: an unbounded cache in a long-lived worker is a memory leak (see retained-memory). */
const MAX_CACHED = 10_000;

class SongRenderer {
  // FIX: still shared (that is what makes a cache pay), but keyed by sample, tempo and key, so that
  // an entry can only ever be returned for an input that produces exactly that rendering.
  static sampleCache = new Map<string, string>();

  constructor(private readonly song: Song) {}

  remix(): string[] {
    return this.song.samples.map((sample) => {
      const cacheKey = JSON.stringify([sample, this.song.tempo, this.song.key]); // FIX: the whole input
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
