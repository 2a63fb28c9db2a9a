// MUTANT: caches each finished remix by song name, as if a name stood for one rendering
// Caching by an id is the habit; but the same song is re-rendered at another tempo or transposed to
// another key, and the name stays the same: the first rendering of a name is served for all of them.
import { defineVariant } from '../../../harness/contract.js';
import { remixApp, renderSample, type Song } from '../song.js';

const MAX_CACHED = 10_000;

class SongRenderer {
  static remixCache = new Map<string, string[]>();

  constructor(private readonly song: Song) {}

  remix(): string[] {
    const { name } = this.song; // MUTANT: the name is not the input; tempo, key and samples are
    let parts = SongRenderer.remixCache.get(name);
    if (parts === undefined) {
      parts = this.song.samples.map((sample) => renderSample(sample, this.song));
      if (SongRenderer.remixCache.size >= MAX_CACHED) SongRenderer.remixCache.clear();
      SongRenderer.remixCache.set(name, parts);
    }
    return parts;
  }
}

export default defineVariant(() => remixApp(SongRenderer));
