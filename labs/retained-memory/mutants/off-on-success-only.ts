// MUTANT: unsubscribes after formatting instead of in `finally`: a rejected text throws past `off` and its formatter stays subscribed
import { defineVariant } from '../../../harness/contract.js';
import { Formatter, formatApp, settings } from '../formatter.js';

export default defineVariant(() => formatApp((text) => {
  const formatter = new Formatter();
  settings.on('change', formatter.useLineEnding);
  for (const line of text.split(/\r?\n/)) formatter.update(line); // throws RejectedText on a binary line
  const formatted = formatter.allData();
  // MUTANT: reached only when every line was accepted. A text rejected halfway (422) skips it, and
  // its formatter, with the lines formatted before the bad one, stays on the emitter for good.
  settings.off('change', formatter.useLineEnding);
  return formatted;
}));
