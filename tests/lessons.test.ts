// The lesson material paraphrases and cites the seed texts (../shared/seeds/), never copies them: no
// lesson page, no workshop page shares a run of 8 or more words with a seed, or a name from a seed's
// code (`the_list`, `_samplecache`: our own code and words tell the same story).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.js';

const SEEDS = join(ROOT, '..', 'shared', 'seeds');
const RUN = 8;

const words = (text: string): string[] => text.toLowerCase().match(/[a-z0-9_]+/g) ?? [];
const runsOf = (ws: string[]): string[] => Array.from({ length: Math.max(0, ws.length - RUN + 1) }, (_, i) => ws.slice(i, i + RUN).join(' '));

/** Every page that teaches: the workshop, the handout, the README, each lab's lesson page. */
const pages = (): string[] => [
  'README.md', 'LESSONS.md', 'HANDOUT.md',
  ...readdirSync(join(ROOT, 'labs'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => join('labs', d.name, 'README.md')),
].filter((page) => existsSync(join(ROOT, page)));

const seedsThere = existsSync(SEEDS);
describe.skipIf(!seedsThere)(seedsThere ? 'lessons and seeds' : `lessons and seeds (skipped: no seed texts at ${SEEDS})`, () => {
  // Read only when the seeds are there: a skipped describe's body still runs to collect its tests.
  const seedFiles = seedsThere ? readdirSync(SEEDS).filter((f) => f.endsWith('.txt')) : [];
  const seedRuns = new Map<string, string>();
  for (const file of seedFiles) {
    for (const run of runsOf(words(readFileSync(join(SEEDS, file), 'utf8')))) seedRuns.set(run, file);
  }

  // Names in the seeds' Python code: with an underscore, six characters or more.
  const seedNames = new Map<string, string>();
  for (const file of seedFiles) {
    for (const name of readFileSync(join(SEEDS, file), 'utf8').match(/\b[A-Za-z0-9]*_[A-Za-z0-9_]+\b/g) ?? []) {
      if (name.length >= 6 && /[a-z]/i.test(name)) seedNames.set(name, file);
    }
  }

  it.each(pages())('%s uses no name from a seed\'s code', (page) => {
    const text = readFileSync(join(ROOT, page), 'utf8');
    const borrowed = [...seedNames].filter(([name]) => new RegExp(`(?<![A-Za-z0-9_])${name}(?![A-Za-z0-9_])`).test(text)).map(([name, file]) => `${name} (${file})`);
    expect(borrowed).toEqual([]);
  });

  it.each(pages())('%s shares no run of 8 words with a seed', (page) => {
    const copied = [...new Set(runsOf(words(readFileSync(join(ROOT, page), 'utf8'))).filter((run) => seedRuns.has(run)))]
      .map((run) => `"${run}" (${seedRuns.get(run)})`);
    expect(copied).toEqual([]);
  });
});
