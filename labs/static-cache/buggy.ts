// A remix service whose renderer caches rendered samples, as the remix class in seed 000 does.
import { defineVariant } from '../../harness/contract.js';
import { remixApp, renderSample, type Song } from './song.js';

class SongRenderer {
  // BUG: `static` makes this one cache for the class, shared by every instance, every request and
  // every song of this worker, and it is keyed by the sample's name only, although the rendering
  // also depends on the song's tempo and key. The first song to render "kick" decides how "kick"
  // sounds for everyone after it, on this worker.
  static sampleCache = new Map<string, string>();

  constructor(private readonly song: Song) {}

  remix(): string[] {
    return this.song.samples.map((sample) => {
      if (!SongRenderer.sampleCache.has(sample)) {
        SongRenderer.sampleCache.set(sample, renderSample(sample, this.song));
      }
      return SongRenderer.sampleCache.get(sample)!;
    });
  }
}

export default defineVariant(() => remixApp(SongRenderer));
