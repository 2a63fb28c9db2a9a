// Shared by the per-lab specifics files: find one cell of a matrix, and the type of a lab's specifics.
import type { ExpectStatic } from 'vitest';
import type { CellResult, MatrixResult } from '../../harness/run.js';

/** The cell of `variant` under `workers` workers (the first store, no latency, unless asked). */
export function cell(result: MatrixResult, variant: string, workers: number, latency = 'none'): CellResult {
  const found = result.cells.find((c) => c.variant === variant && c.workers === workers && (c.latency ?? 'none') === latency);
  if (!found) throw new Error(`no cell ${variant}@${workers}${latency === 'none' ? '' : ` latency ${latency}`}`);
  return found;
}

/** What a lab's matrix must show beyond its verdicts. */
export type LabSpecifics = (result: MatrixResult, expect: ExpectStatic) => void;
