// A remix service whose renderer caches rendered samples, as seed 000's PatternRemixer does.
import { defineVariant } from '../../harness/contract.js';
import { remixApp, renderSample, type Song } from './song.js';

class PatternRemixer {
  // BUG: `static` makes this one cache for the class, shared by every instance, every request and
  // every song of this worker, and it is keyed by the sample's name only, although the rendering
  // also depends on the song's tempo and key. The first song to render "kick" decides how "kick"
  // sounds for everyone after it, on this worker.
  static sampleCache = new Map<string, string>();

  constructor(private readonly song: Song) {}

  remix(): string[] {
    return this.song.samples.map((sample) => {
      if (!PatternRemixer.sampleCache.has(sample)) {
        PatternRemixer.sampleCache.set(sample, renderSample(sample, this.song));
      }
      return PatternRemixer.sampleCache.get(sample)!;
    });
  }
}

export default defineVariant(() => remixApp(PatternRemixer));
