// A song is a list of sample names played at a tempo in a key. Rendering a sample depends on all
// three: the same "kick" sounds different at 90 and at 128 beats per minute. `renderSample` is pure;
// the scenario uses it to know the right answer for every request.
import express, { type Express, type Request, type Response } from 'express';

export interface Song { name: string; tempo: number; key: string; samples: string[] }

/** Stands in for expensive audio work (decode, time-stretch, pitch-shift): same inputs, same output. */
export function renderSample(sample: string, song: Pick<Song, 'tempo' | 'key'>): string {
  return `${sample}@${song.tempo}bpm/${song.key}`;
}

export const remixOf = (song: Song): string[] => song.samples.map((s) => renderSample(s, song));

const shortText = (x: unknown): x is string => typeof x === 'string' && x.length > 0 && x.length <= 40;

/** The song in the request body, or null after answering 400. */
export function songOf(req: Request, res: Response): Song | null {
  const { name, tempo, key, samples } = (req.body ?? {}) as Record<string, unknown>;
  const valid = shortText(name) && shortText(key) && Number.isInteger(tempo) && (tempo as number) >= 40 && (tempo as number) <= 240 &&
    Array.isArray(samples) && samples.length >= 1 && samples.length <= 16 && samples.every(shortText);
  if (!valid) {
    res.status(400).json({ error: 'body must be JSON {"name", "tempo": 40..240, "key", "samples": [1 to 16 names]}' });
    return null;
  }
  return { name: name as string, tempo: tempo as number, key: key as string, samples: samples as string[] };
}

/** Something that renders one song: each variant brings its own class, with its own cache. */
export type Remixer = new (song: Song) => { remix(): string[] };

/** The remix service around a variant's renderer: the same routes for both variants; only the class differs. */
export function remixApp(Remixer: Remixer): Express {
  const app = express();
  app.use(express.json({ limit: '2kb' }));
  app.post('/remix', (req, res) => {
    const song = songOf(req, res);
    if (!song) return;
    res.json({ song: song.name, parts: new Remixer(song).remix() });
  });
  return app;
}
