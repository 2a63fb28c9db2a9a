// The command line parsed in process: parseLabArgs is pure (the spawning tests in cli.test.ts check
// that the script prints its errors as one line and exits 2).
import { describe, expect, it } from 'vitest';
import { checkRunOptions, type RunOptions } from '../../harness/options.js';
import globalList from '../../labs/global-list/index.js';
import { parseLabArgs } from '../../scripts/options.js';

describe('parseLabArgs: --store-latency', () => {
  it.each([
    ['0-50', { min: 0, max: 50 }],
    ['5-5', { min: 5, max: 5 }],
    ['20', { min: 20, max: 20 }],
    ['none', null],
  ])('%s → %j', (text, latency) => {
    expect(parseLabArgs(['per-worker-counter', '--store-latency', text]).options.storeLatency).toEqual(latency);
  });

  it('is absent unless given (the matrix then adds its default latency cell)', () => {
    expect(parseLabArgs(['per-worker-counter']).options.storeLatency).toBeUndefined();
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
    expect(parseLabArgs(['per-worker-counter', '--mutants', '--variant', 'a,b']).options.variants).toEqual(['a', 'b']);
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

describe('parseLabArgs: the run options, as the library takes them', () => {
  it('gives every option it was given, and leaves the others to the library', () => {
    expect(parseLabArgs(['global-list', '--workers', '2', '--hosts', '2', '--store', 'primary,redis', '--requests', '300', '--kill-worker', '--port', '4000'], { REDIS_URL: 'redis://127.0.0.1:6390' }).options)
      .toEqual({ workers: 2, hosts: 2, stores: ['primary', 'redis'], requests: 300, killWorker: true, port: 4000, redisUrl: 'redis://127.0.0.1:6390' } satisfies RunOptions);
  });

  it.each([
    [['x', '--workers', '33'], '--workers must be at most 32 (got 33)'],
    [['x', '--repeat', '101'], '--repeat must be at most 100 (got 101)'],
    [['x', '--kill-worker', '--restart-every', '5'], 'choose one fault at a time: --restart-every or --kill-worker'],
    [['x', '--store', 'mongo'], '--store must be primary or redis (or both, comma-separated), not "mongo"'],
  ])('%j → %s', (args, message) => {
    expect(() => parseLabArgs(args)).toThrow(message);
  });
});

describe('checkRunOptions: the same checks for a library caller', () => {
  it.each([
    [{ workers: 0 }, '--workers must be a positive whole number, not "0"'],
    [{ workers: 2.5 }, '--workers must be a positive whole number, not "2.5"'],
    [{ workers: 40 }, '--workers must be at most 32 (got 40)'],
    [{ workers: 2, storeLatency: { min: 9, max: 3 } }, '--store-latency 9-3: the maximum (3) is below the minimum (9)'],
    [{ workers: 2, restartEvery: 5, killWorker: true }, 'choose one fault at a time'],
    [{ workers: 2, variants: [] }, '--variant needs at least one variant name'],
  ] as Array<[RunOptions, string]>)('%j → %s', (options, message) => {
    expect(() => checkRunOptions(options)).toThrow(message);
  });

  it('with a lab: its variants, and a restart that its load would reach', () => {
    expect(() => checkRunOptions({ workers: 2, variants: ['nope'] }, globalList)).toThrow('lab global-list has no variant "nope" (it has buggy, fixed)');
    expect(() => checkRunOptions({ workers: 2, restartEvery: globalList.defaults.requests }, globalList)).toThrow(`--restart-every ${globalList.defaults.requests} would never restart a worker`);
    expect(() => checkRunOptions({ workers: 2, restartEvery: 100 }, globalList)).not.toThrow();
  });
});

describe('parseLabArgs: --junit FILE and a lab by path', () => {
  it('takes the file (the last one given) and a lab folder by path', () => {
    expect(parseLabArgs(['./ci/labs/price-cache', '--junit', 'reports/lab.xml'])).toMatchObject({ command: 'run', lab: './ci/labs/price-cache', junit: 'reports/lab.xml' });
    expect(parseLabArgs(['per-worker-counter', '--junit', 'a.xml', '--junit=b.xml']).junit).toBe('b.xml');
    expect(parseLabArgs(['per-worker-counter']).junit).toBeUndefined();
    expect(parseLabArgs(['per-worker-counter', '--mutants', '--junit', 'm.xml'])).toMatchObject({ mutants: true, junit: 'm.xml' });
  });

  it.each([
    [['per-worker-counter', '--junit'], '--junit needs a value'],
    [['--junit', 'a.xml'], '--junit needs a lab: npm run lab -- <lab> --junit results.xml'],
    [['per-worker-counter', '--variant', 'mine', '--junit', 'a.xml'], '--junit writes the cells of a matrix run, not of --variant mine'],
    [['serve', 'per-worker-counter', '--junit', 'a.xml'], '--junit is for a matrix run, not for serve'],
    [['try', 'per-worker-counter', '--junit', 'a.xml'], '--junit is not for try'],
  ])('refuses %j', (args, message) => {
    expect(() => parseLabArgs(args)).toThrow(message);
  });
});
