// The same formatter, unsubscribed as soon as its request is done.
import { defineVariant } from '../../harness/contract.js';
import { Formatter, formatApp, settings } from './formatter.js';

export default defineVariant(() => formatApp((text) => {
  const formatter = new Formatter();
  settings.on('change', formatter.useLineEnding);
  try {
    for (const line of text.split(/\r?\n/)) formatter.update(line);
    return formatter.allData();
  } finally {
    // FIX: take the listener back when the request is done (even when it throws): nothing long-lived
    // references the formatter any more, and the next GC frees it with everything it holds.
    settings.off('change', formatter.useLineEnding);
  }
}));
