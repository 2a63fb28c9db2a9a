// The command line parsed in process: parseLabArgs is pure (the spawning tests in cli.test.ts check
// that the script prints its errors as one line and exits 2).
import { describe, expect, it } from 'vitest';
import { parseLabArgs } from '../../scripts/options.js';

describe('parseLabArgs: --store-latency', () => {
  it.each([
    ['0-50', { min: 0, max: 50 }],
    ['5-5', { min: 5, max: 5 }],
    ['20', { min: 20, max: 20 }],
    ['none', null],
  ])('%s → %j', (text, latency) => {
    expect(parseLabArgs(['per-worker-counter', '--store-latency', text]).storeLatency).toEqual(latency);
  });

  it('is absent unless given (the matrix then adds its default latency cell)', () => {
    expect(parseLabArgs(['per-worker-counter'])).not.toHaveProperty('storeLatency');
  });

  it.each([
    ['abc', '--store-latency must be MIN-MAX in milliseconds (like 0-50), one number, or none; not "abc"'],
    ['50-10', '--store-latency 50-10: the maximum (10) is below the minimum (50)'],
    ['-5', '--store-latency must be MIN-MAX in milliseconds (like 0-50), one number, or none; not "-5"'],
    ['-5-10', '--store-latency must be MIN-MAX in milliseconds (like 0-50), one number, or none; not "-5-10"'],
    ['1.5-3', '--store-latency must be MIN-MAX in milliseconds (like 0-50), one number, or none; not "1.5-3"'],
    ['0-20000', '--store-latency must be at most 10,000 ms (got 20,000)'],
    ['', '--store-latency needs a value'],
  ])('refuses %j', (text, message) => {
    expect(() => parseLabArgs(['per-worker-counter', '--store-latency', text])).toThrow(message);
  });
});

describe('parseLabArgs: --mutants', () => {
  it('is a switch of a matrix run, with --variant naming mutants', () => {
    expect(parseLabArgs(['per-worker-counter', '--mutants'])).toMatchObject({ command: 'run', lab: 'per-worker-counter', mutants: true });
    expect(parseLabArgs(['per-worker-counter', '--mutants', '--variant', 'a,b']).variants).toEqual(['a', 'b']);
    expect(parseLabArgs(['per-worker-counter']).mutants).toBe(false);
  });

  it('needs a lab, and is not for serve', () => {
    expect(() => parseLabArgs(['--mutants'])).toThrow('--mutants needs a lab');
    expect(() => parseLabArgs(['serve', 'per-worker-counter', '--mutants'])).toThrow('--mutants is for a matrix run, not for serve');
  });

  it('is noticed when npm ate it (npm_config_mutants)', () => {
    expect(() => parseLabArgs(['per-worker-counter'], { npm_config_mutants: 'true' })).toThrow('npm took --mutants for itself');
  });
});
