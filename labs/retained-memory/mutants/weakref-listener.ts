// MUTANT: the listener holds the formatter through a WeakRef and is never removed: the text is freed, one small listener per request stays
import { defineVariant } from '../../../harness/contract.js';
import { Formatter, formatApp, settings, type LineEnding } from '../formatter.js';

export default defineVariant(() => formatApp((text) => {
  const formatter = new Formatter();
  const weakFormatter = new WeakRef(formatter);
  // MUTANT: "a WeakRef does not keep the formatter alive, so no `off` is needed". True for the
  // formatter and its lines; but the closure and its WeakRef stay on the module-level emitter, about
  // a hundred bytes per request, too few for a heap probe to tell from noise in a short run.
  settings.on('change', (lineEnding: LineEnding) => weakFormatter.deref()?.useLineEnding(lineEnding));
  for (const line of text.split(/\r?\n/)) formatter.update(line);
  return formatter.allData();
}));
