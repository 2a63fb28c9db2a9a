// CORRECT: a cache per instance, keyed by sample: within one song, tempo and key are fixed, so the sample is the whole input
// Each request builds its own SongRenderer, so this cache lives for one song and is dropped with
// it: right, if only useful for a song that repeats a sample. The key may leave out what cannot vary.
import { defineVariant } from '../../../harness/contract.js';
import { remixApp, renderSample, type Song } from '../song.js';

class SongRenderer {
  private readonly sampleCache = new Map<string, string>();

  constructor(private readonly song: Song) {}

  remix(): string[] {
    return this.song.samples.map((sample) => {
      let rendered = this.sampleCache.get(sample);
      if (rendered === undefined) {
        rendered = renderSample(sample, this.song);
        this.sampleCache.set(sample, rendered);
      }
      return rendered;
    });
  }
}

export default defineVariant(() => remixApp(SongRenderer));
