// What both variants share: the site's settings (a module-level emitter that lives as long as the
// worker), the formatter that seed 004's pattern is built around, and the app that serves it. The
// variants differ only in what happens to a formatter's subscription when its request is done.
import { EventEmitter } from 'node:events';
import express, { type Express } from 'express';

export type LineEnding = 'lf' | 'crlf';
const ENDINGS: Record<LineEnding, string> = { lf: '\n', crlf: '\r\n' };
const isLineEnding = (x: unknown): x is LineEnding => x === 'lf' || x === 'crlf';

/** The site-wide line ending, which an admin may change at run time; it tells its listeners when. */
class SiteSettings extends EventEmitter<{ change: [LineEnding] }> {
  lineEnding: LineEnding = 'lf';
  change(lineEnding: LineEnding): void {
    this.lineEnding = lineEnding;
    this.emit('change', lineEnding);
  }
}
/** One per worker process, created at module load: whatever it references lives as long as the worker. */
export const settings = new SiteSettings();
// Node warns ("MaxListenersExceededWarning: Possible EventEmitter memory leak detected") past 10
// listeners of one event. Busy apps raise or lift that limit to quiet the warning, as this one does:
// the warning was the clue to the leak, and the lab's checker has to find it by measuring instead.
settings.setMaxListeners(0);

/**
 * A text the formatter refuses halfway through: a line with a NUL byte is binary data, not text.
 * Thrown from `update`, after earlier lines were formatted; the app shell answers it with its 422.
 */
export class RejectedText extends Error {
  readonly status = 422;
}

/** Normalises the line endings of a text, line by line, the way seed 004's filters do. */
export class Formatter {
  readonly #filtered: string[] = [];
  #ending = ENDINGS[settings.lineEnding];
  /** A bound method (an arrow function holding `this`), to be told when the site's line ending changes. */
  readonly useLineEnding = (lineEnding: LineEnding): void => {
    this.#ending = ENDINGS[lineEnding];
  };
  update(line: string): void {
    if (line.includes('\0')) throw new RejectedText(`line ${this.#filtered.length + 1} has a NUL byte: binary data, not text`);
    this.#filtered.push(line + this.#ending);
  }
  allData(): string {
    return this.#filtered.join('');
  }
}

/** The app around a variant's `format`: validation and the settings route are the same in both. */
export function formatApp(format: (text: string) => string): Express {
  const app = express();
  app.use(express.json({ limit: '64kb' }));

  app.post('/format', (req, res) => {
    const text: unknown = req.body?.text;
    if (typeof text !== 'string') {
      res.status(400).json({ error: 'body must be JSON {"text": "<up to 64 kB of text>"}' });
      return;
    }
    // A binary line makes `format` throw RejectedText halfway: Express hands it to the shell, which
    // answers its 422. Whatever the variant subscribed before the throw is still subscribed then.
    res.json({ formatted: format(text) });
  });

  // What this worker's settings hold right now: the line ending, and how many listeners follow it.
  // The count is what a heap probe cannot see: one listener per request is a leak however small it
  // is (a closure of a hundred bytes, a function added twice), and a count is exact, with no GC noise.
  app.get('/settings', (_req, res) => {
    res.json({ lineEnding: settings.lineEnding, listeners: settings.listenerCount('change') });
  });

  app.post('/settings', (req, res) => {
    const lineEnding: unknown = req.body?.lineEnding;
    if (!isLineEnding(lineEnding)) {
      res.status(400).json({ error: 'body must be JSON {"lineEnding": "lf" or "crlf"}' });
      return;
    }
    settings.change(lineEnding);
    res.json({ lineEnding, listeners: settings.listenerCount('change') });
  });

  return app;
}
