// A remix service whose renderer caches rendered samples, as seed 000's PatternRemixer does.
import express from 'express';
import { defineVariant } from '../../harness/contract.js';
import { renderSample, songOf, type Song } from './song.js';

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

export default defineVariant(() => {
  const app = express();
  app.use(express.json({ limit: '2kb' }));

  app.post('/remix', (req, res) => {
    const song = songOf(req, res);
    if (!song) return;
    res.json({ song: song.name, parts: new PatternRemixer(song).remix() });
  });

  return app;
});
