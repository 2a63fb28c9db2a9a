// `--html FILE` on the command line: refused in one line (exit 2) before anything runs when the file
// cannot be written where it says, and only where a matrix runs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLabArgs, UsageError } from '../../scripts/options.js';
import { runLab } from '../helpers/cli.js';

describe('--html FILE', () => {
  it('in a folder that does not exist: exit 2, one line, no cell run', async () => {
    const missing = join(tmpdir(), 'wsl-no-such-folder', 'out.html');
    const run = await runLab(['per-worker-counter', '--html', missing]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(`lab: --html ${missing}: the folder ${join(tmpdir(), 'wsl-no-such-folder')} does not exist`);
    expect(run.stdout).toBe('');
  });

  it('is taken for a run and --mutants, refused for a folder, serve, try, hint, --variant mine and the lab list', () => {
    const folder = mkdtempSync(join(tmpdir(), 'wsl-html-cli-'));
    try {
      expect(parseLabArgs(['per-worker-counter', '--html', join(folder, 'r.html')]).html).toBe(join(folder, 'r.html'));
      expect(parseLabArgs(['per-worker-counter', '--mutants', '--html', join(folder, 'r.html')]).html).toBe(join(folder, 'r.html'));
      expect(() => parseLabArgs(['per-worker-counter', '--html', folder])).toThrow(new UsageError(`--html ${folder} is a folder; give a file name, like ${join(folder, 'report.html')}`));
      expect(() => parseLabArgs(['serve', 'per-worker-counter', '--html', 'r.html'])).toThrow('--html is for a matrix run, not for serve');
      expect(() => parseLabArgs(['try', 'per-worker-counter', '--html', 'r.html'])).toThrow('--html is not for try');
      expect(() => parseLabArgs(['hint', 'per-worker-counter', '--html', 'r.html'])).toThrow('--html is not for hint');
      expect(() => parseLabArgs(['--html', join(folder, 'r.html')])).toThrow('--html needs a lab: npm run lab -- <lab> --html report.html');
      expect(() => parseLabArgs(['per-worker-counter', '--html'])).toThrow('--html needs a value');
      expect(() => parseLabArgs(['per-worker-counter', '--variant', 'mine', '--html', join(folder, 'r.html')])).toThrow('--html draws a matrix run, not --variant mine');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
