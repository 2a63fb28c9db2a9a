// Every request formats its text with a formatter that follows the site's line-ending setting.
import { defineVariant } from '../../harness/contract.js';
import { Formatter, formatApp, settings } from './formatter.js';

export default defineVariant(() => formatApp((text) => {
  const formatter = new Formatter();
  // BUG: the formatter's bound method is handed to a module-level emitter and never taken back. The
  // emitter lives as long as the worker, so it keeps the listener, the listener keeps the formatter,
  // and the formatter keeps every line it formatted: each request leaves its text behind, forever.
  settings.on('change', formatter.useLineEnding);
  for (const line of text.split(/\r?\n/)) formatter.update(line);
  return formatter.allData();
}));
