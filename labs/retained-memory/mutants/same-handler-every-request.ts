// MUTANT: one module-level handler that holds no request's data, but `settings.on` still runs on every request and adds it again each time
import { defineVariant } from '../../../harness/contract.js';
import { Formatter, formatApp, settings, type LineEnding } from '../formatter.js';

/** The worker's current line ending, kept up to date by one handler instead of one per formatter. */
let lineEnding: LineEnding = settings.lineEnding;
const followSettings = (next: LineEnding): void => {
  lineEnding = next;
};

export default defineVariant(() => formatApp((text) => {
  // MUTANT: the handler was moved out of the request, the subscription was not. An emitter does not
  // deduplicate: the same function is added once more per request (8 bytes each, and one more call
  // on every change). No formatter is kept, so only the listener count shows it.
  settings.on('change', followSettings);
  const formatter = new Formatter();
  formatter.useLineEnding(lineEnding);
  for (const line of text.split(/\r?\n/)) formatter.update(line);
  return formatter.allData();
}));
