// MUTANT: subscribes with `once` and never calls `off`: a listener leaves only when the setting changes, and it seldom does
import { defineVariant } from '../../../harness/contract.js';
import { Formatter, formatApp, settings } from '../formatter.js';

export default defineVariant(() => formatApp((text) => {
  const formatter = new Formatter();
  // MUTANT: "once removes the listener by itself" — only after it has fired. Until an admin changes
  // the line ending, every request's formatter stays on the module-level emitter, lines and all.
  settings.once('change', formatter.useLineEnding);
  for (const line of text.split(/\r?\n/)) formatter.update(line);
  return formatter.allData();
}));
