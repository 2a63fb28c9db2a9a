// CORRECT: no listener at all: formatting is synchronous, so the setting read when the formatter is built cannot change before it is done
import { defineVariant } from '../../../harness/contract.js';
import { Formatter, formatApp } from '../formatter.js';

export default defineVariant(() => formatApp((text) => {
  // A new Formatter reads `settings.lineEnding` when it is built. Nothing else runs on this worker
  // until the request returns, so no change can arrive in between: a subscription would never fire.
  const formatter = new Formatter();
  for (const line of text.split(/\r?\n/)) formatter.update(line);
  return formatter.allData();
}));
