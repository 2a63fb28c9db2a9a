// The command line of `npm run lab`, parsed with zx's minimist and checked: every mistake becomes a
// UsageError with one line that says what to type instead (the script prints it and exits 2).
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgv } from 'zx';
import { HarnessError } from '../harness/errors.js';
import { checkLatency, checkRunOptions, type RunOptions } from '../harness/options.js';
import type { StoreKind, StoreLatency } from '../harness/store/types.js';

export class UsageError extends Error {
  override name = 'UsageError';
  /** Extra lines printed after the one-line message (the list of labs, say). */
  constructor(message: string, readonly details?: string) {
    super(message);
  }
}

export interface LabCommand {
  command: 'list' | 'help' | 'run' | 'serve' | 'try' | 'hint';
  lab?: string;
  /** The run's options, as the library takes them (harness/options.ts). */
  options: RunOptions;
  /** Run the lab's mutants in place of its fixed variant (`--mutants`). */
  mutants: boolean;
  json: boolean;
  /** Also write the matrix as JUnit XML to this file (`--junit FILE`, for a CI's test view). */
  junit?: string;
  /** Also draw every cell into one self-contained HTML report at this path (`--html FILE`). */
  html?: string;
}

const VALUE_FLAGS = ['workers', 'variant', 'requests', 'connections', 'store', 'hosts', 'redis-url', 'port', 'restart-every', 'store-latency', 'repeat', 'junit', 'html'] as const;
const SWITCH_FLAGS = ['json', 'help', 'kill-worker', 'mutants'] as const;
const ALL_FLAGS: readonly string[] = [...VALUE_FLAGS, ...SWITCH_FLAGS];


/** A whole number as typed (its range is checked with the other options, in checkRunOptions). */
function wholeNumber(flag: string, raw: unknown): number | undefined {
  if (raw === undefined) return undefined;
  const text = String(Array.isArray(raw) ? raw.at(-1) : raw).trim();
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new UsageError(`--${flag} must be a positive whole number, not "${text}"`);
  return Number(text);
}

/** `0-50` (ms) → {min 0, max 50}; `20` → {20, 20}; `none` → null (no latency cell). */
function latencyRange(raw: unknown): StoreLatency | null | undefined {
  if (raw === undefined) return undefined;
  const text = String(Array.isArray(raw) ? raw.at(-1) : raw).trim();
  if (text === 'none') return null;
  const match = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!match) throw new UsageError(`--store-latency must be MIN-MAX in milliseconds (like 0-50), one number, or none; not "${text}"`);
  const latency = { min: Number(match[1]), max: Number(match[2] ?? match[1]) };
  checkLatency(latency);
  return latency;
}

/** `--workers -1` would make minimist read `-1` as a flag: keep a value that looks like a number with its flag. */
function joinNegativeValues(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const next = args[i + 1];
    if (VALUE_FLAGS.some((f) => arg === `--${f}`) && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

const NPM_HINT = 'npm keeps flags that come before `--` for itself: write `npm run lab -- <lab> --workers 4`';

export function parseLabArgs(args: string[], env: NodeJS.ProcessEnv = {}): LabCommand {
  const unknownFlags: string[] = [];
  const parsed = parseArgv(joinNegativeValues(args), {
    string: [...VALUE_FLAGS],
    boolean: [...SWITCH_FLAGS],
    alias: { h: 'help' },
    unknown: (arg: string) => {
      if (arg.startsWith('-')) {
        unknownFlags.push(arg.split('=')[0]!);
        return false;
      }
      return true;
    },
  });
  if (parsed.help) return { command: 'help', options: { workers: 4 }, json: false, mutants: false };
  if (unknownFlags.length > 0) throw new UsageError(`unknown option ${unknownFlags[0]} (see npm run lab -- --help)`);
  // npm took one of our flags for itself: it leaves npm_config_<flag>=true and the flag's value as a stray word.
  // npm names the variable with underscores: --kill-worker leaves npm_config_kill_worker.
  const eaten = ALL_FLAGS.find((f) => env[`npm_config_${f.replaceAll('-', '_')}`] !== undefined && !args.some((a) => a.startsWith(`--${f}`)));
  if (eaten) throw new UsageError(`npm took --${eaten} for itself. ${NPM_HINT}`);
  const words = parsed._.map(String);
  const verb = (['serve', 'try', 'hint'] as const).find((v) => v === words[0]);
  const serve = verb === 'serve';
  if (verb) words.shift();
  if (verb && words.length === 0) throw new UsageError(`${verb} needs a lab: npm run lab ${verb} <lab>${serve ? ' -- --variant buggy' : ''}`);
  if (words.length > 1) {
    throw new UsageError(`unexpected argument "${words[1]}" after the lab name. ${/^\d+$/.test(words[1]!) ? NPM_HINT : 'Give one lab at a time.'}`);
  }
  if (verb === 'try' || verb === 'hint') {
    const notHere = ['variant', 'repeat', 'json', 'mutants', 'port', 'junit', 'html', ...(verb === 'hint' ? VALUE_FLAGS : [])].find((f) => parsed[f] !== undefined && parsed[f] !== false);
    if (notHere) throw new UsageError(`--${notHere} is not for ${verb}`);
  }
  if (serve) {
    const notForServe = ['requests', 'connections', 'restart-every', 'repeat', 'kill-worker', 'json', 'mutants', 'junit', 'html'].find((f) => parsed[f] !== undefined && parsed[f] !== false);
    if (notForServe) throw new UsageError(`--${notForServe} is for a matrix run, not for serve`);
  }
  for (const flag of VALUE_FLAGS) {
    if (parsed[flag] === '' || (Array.isArray(parsed[flag]) && parsed[flag].includes(''))) throw new UsageError(`--${flag} needs a value`);
  }
  const variants = parsed.variant === undefined ? undefined
    : [parsed.variant].flat().flatMap((v: string) => v.split(',')).map((v: string) => v.trim()).filter(Boolean);
  // An empty list (an empty CI variable, say) would run nothing and "match": refuse it.
  if (variants?.length === 0) throw new UsageError('--variant needs at least one variant name');
  const stores = parsed.store === undefined ? undefined
    : [...new Set([parsed.store].flat().flatMap((v: string) => v.split(',')).map((v: string) => v.trim()))] as StoreKind[];
  const redisUrl = [parsed['redis-url']].flat().at(-1) ?? env.REDIS_URL;
  const storeLatency = latencyRange(parsed['store-latency']);
  // An option not given stays undefined: the library's default then applies.
  const options: RunOptions = {
    workers: wholeNumber('workers', parsed.workers) ?? 4,
    variants,
    requests: wholeNumber('requests', parsed.requests),
    connections: wholeNumber('connections', parsed.connections),
    hosts: wholeNumber('hosts', parsed.hosts),
    stores,
    redisUrl: redisUrl ? String(redisUrl) : undefined,
    port: wholeNumber('port', parsed.port),
    restartEvery: wholeNumber('restart-every', parsed['restart-every']),
    killWorker: Boolean(parsed['kill-worker']),
    storeLatency,
    repeat: wholeNumber('repeat', parsed.repeat),
  };
  try {
    checkRunOptions(options);
  } catch (err) {
    throw err instanceof HarnessError ? new UsageError(err.message) : err;
  }
  const command: LabCommand = { command: verb ?? (words[0] === undefined ? 'list' : 'run'), options, json: Boolean(parsed.json), mutants: Boolean(parsed.mutants) };
  if (command.mutants && command.command === 'list') throw new UsageError('--mutants needs a lab: npm run lab -- <lab> --mutants');
  if (parsed.junit !== undefined) {
    if (command.command === 'list') throw new UsageError('--junit needs a lab: npm run lab -- <lab> --junit results.xml');
    if (variants?.includes('mine')) throw new UsageError('--junit writes the cells of a matrix run, not of --variant mine');
    command.junit = String([parsed.junit].flat().at(-1));
  }
  if (parsed.html !== undefined) {
    if (command.command === 'list') throw new UsageError('--html needs a lab: npm run lab -- <lab> --html report.html');
    if (variants?.includes('mine')) throw new UsageError('--html draws a matrix run, not --variant mine (which judges your fix once)');
    command.html = htmlTarget(String([parsed.html].flat().at(-1)));
  }
  if (words[0] !== undefined) command.lab = words[0];
  if (serve && (variants?.length ?? 0) > 1) throw new UsageError('serve runs one variant: give one --variant');
  if (serve && (stores?.length ?? 0) > 1) throw new UsageError('serve runs one store: give --store primary or --store redis');
  return command;
}

/** Where --html writes: refused before the run (not after a minute of it) when its folder is missing. */
function htmlTarget(file: string): string {
  const folder = dirname(resolve(file));
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new UsageError(`--html ${file}: the folder ${folder} does not exist`);
  if (existsSync(file) && statSync(file).isDirectory()) throw new UsageError(`--html ${file} is a folder; give a file name, like ${join(file, 'report.html')}`);
  return file;
}

/** The catalog name nearest to a mistyped one (edit distance), if it is near enough to be a typo. */
export function nearestName(wanted: string, names: readonly string[]): string | undefined {
  const distance = (a: string, b: string): number => {
    let row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const next = [i];
      for (let j = 1; j <= b.length; j++) next.push(Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
      row = next;
    }
    return row[b.length]!;
  };
  const scored = names.map((name) => ({ name, d: name.includes(wanted) || wanted.includes(name) ? 0 : distance(wanted, name) }));
  const best = scored.sort((a, b) => a.d - b.d)[0];
  return best && best.d <= Math.max(2, Math.floor(best.name.length / 3)) ? best.name : undefined;
}
