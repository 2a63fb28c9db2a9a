// What `import ... from 'worker-state-lab'` gives (harness/index.ts, the package's `exports`): the
// contract's functions and every checker by name, including checkers added after this test was written.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as api from '../../harness/index.js';

const checkerFiles = readdirSync(new URL('../../harness/checkers/', import.meta.url)).filter((f) => f.endsWith('.ts') && f !== 'index.ts');

describe('the package entry (harness/index.ts)', () => {
  it('exports defineLab, defineVariant and the contract helpers', () => {
    for (const name of ['defineLab', 'defineVariant', 'severalProcesses', 'sharedStoreVerdict']) expect(typeof (api as Record<string, unknown>)[name], name).toBe('function');
    expect(api.VERDICTS).toContain('stale');
  });

  it.each(checkerFiles)('exports every function of harness/checkers/%s by its name', async (file) => {
    const module = (await import(`../../harness/checkers/${file.replace(/\.ts$/, '.js')}`)) as Record<string, unknown>;
    const functions = Object.entries(module).filter(([, v]) => typeof v === 'function');
    expect(functions.length).toBeGreaterThan(0);
    for (const [name, fn] of functions) expect((api as Record<string, unknown>)[name], `${name} from ${file}`).toBe(fn);
  });

  it('names at least the checkers the built-in labs use', () => {
    for (const name of ['counterChecker', 'setChecker', 'staleChecker', 'pureChecker', 'bankChecker', 'sessionChecker', 'growthChecker']) {
      expect(typeof (api as Record<string, unknown>)[name], name).toBe('function');
    }
  });
});
