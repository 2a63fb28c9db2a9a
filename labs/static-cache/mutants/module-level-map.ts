// MUTANT: drops `static` but moves the cache to a module-level Map, still keyed by the sample name only
// "The static field is the bug" is half the diagnosis: a module-level const lives exactly as long as
// the class did, one per worker, shared by every request. And the key is still part of the input.
import { defineVariant } from '../../../harness/contract.js';
import { remixApp, renderSample, type Song } from '../song.js';

// MUTANT: one Map per worker process, as the static field was.
const sampleCache = new Map<string, string>();

class SongRenderer {
  constructor(private readonly song: Song) {}

  remix(): string[] {
    return this.song.samples.map((sample) => {
      let rendered = sampleCache.get(sample); // MUTANT: the key leaves out tempo and key
      if (rendered === undefined) {
        rendered = renderSample(sample, this.song);
        sampleCache.set(sample, rendered);
      }
      return rendered;
    });
  }
}

export default defineVariant(() => remixApp(SongRenderer));
