// CORRECT: `once` plus `off` in `finally`: an emitter removes a once-listener by the function it was given, so nothing stays
import { defineVariant } from '../../../harness/contract.js';
import { Formatter, formatApp, settings } from '../formatter.js';

export default defineVariant(() => formatApp((text) => {
  const formatter = new Formatter();
  // `once` alone leaves the listener until a change comes (see once-instead-of-off.ts); with `off` in
  // `finally` it is removed on every path, rejected texts included. EventEmitter matches `off(fn)`
  // against the `fn` that `once` wrapped, so the same reference works for both.
  settings.once('change', formatter.useLineEnding);
  try {
    for (const line of text.split(/\r?\n/)) formatter.update(line);
    return formatter.allData();
  } finally {
    settings.off('change', formatter.useLineEnding);
  }
}));
