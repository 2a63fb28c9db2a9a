// MUTANT: `on` and `off` each get a new arrow function, so `off` finds nothing to remove and every formatter stays subscribed
import { defineVariant } from '../../../harness/contract.js';
import { Formatter, formatApp, settings } from '../formatter.js';

export default defineVariant(() => formatApp((text) => {
  const formatter = new Formatter();
  settings.on('change', (lineEnding) => formatter.useLineEnding(lineEnding));
  try {
    for (const line of text.split(/\r?\n/)) formatter.update(line);
    return formatter.allData();
  } finally {
    // MUTANT: an emitter removes a listener by identity; this arrow is not the one that was added
    // (it only looks the same), so `off` silently does nothing and the first arrow keeps the formatter.
    settings.off('change', (lineEnding) => formatter.useLineEnding(lineEnding));
  }
}));
