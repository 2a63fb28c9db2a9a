// Judging a participant's mine.ts (exercise mode): made runnable, type-checked, its cells run as
// fixed's would be; a pass is remembered in their progress. scripts/exercise.ts shows the answer.
import type { Lab } from './contract.js';
import { Cancelled } from './errors.js';
import { MINE, mineLab, transpileMine, typeCheckMine } from './mine.js';
import type { RunOptions } from './options.js';
import { markDone } from './progress.js';
import { runMatrix, type MatrixResult, type RunHooks } from './run.js';

/** What one judgement of mine.ts came to: the compiler's errors, or the matrix of its cells. */
export type Judgement = { compiled: false; errors: string[] } | { compiled: true; result: MatrixResult };

/**
 * Judges mine.ts: made runnable at once (a syntax error stops here), type-checked while its cells run
 * (a type error cancels them), its cells run side by side in watch mode for a quick answer.
 */
export async function judgeMine(lab: Lab, options: RunOptions, { signal, parallel = false, hooks = {} }: { signal?: AbortSignal; parallel?: boolean; hooks?: RunHooks } = {}): Promise<Judgement> {
  const mine = await mineLab(lab); // one line, exit 2, when there is no mine.ts
  const transpiled = await transpileMine(lab);
  if (!transpiled.ok) return { compiled: false, errors: transpiled.errors };
  const run = new AbortController();
  const stop = (): void => run.abort();
  signal?.addEventListener('abort', stop, { once: true });
  const typed = typeCheckMine(lab).then((checked) => {
    if (!checked.ok) run.abort();
    return checked;
  });
  try {
    const result = await runMatrix(mine, { ...options, variants: [MINE], parallel }, { ...hooks, signal: run.signal }).catch(async (err: unknown) => {
      const checked = await typed;
      if (err instanceof Cancelled && !checked.ok && !signal?.aborted) return undefined; // the type error is the answer
      throw err;
    });
    const checked = await typed;
    if (!checked.ok) return { compiled: false, errors: checked.errors };
    if (result!.matches) await markDone(lab);
    return { compiled: true, result: result! };
  } finally {
    signal?.removeEventListener('abort', stop);
  }
}

