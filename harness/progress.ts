// A participant's progress through the labs (exercise mode): which labs their own fix passes, and how
// many hints of each lab they have seen. One small JSON file, git-ignored, next to mine.ts's settings.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Lab } from './contract.js';
import { hasExerciseMode, stateDir } from './mine.js';

export interface Progress {
  /** Labs whose mine.ts passed every cell, in the order they were done. */
  done: string[];
  /** Hints shown so far, per lab. */
  hintsShown: Record<string, number>;
}

const file = (): string => join(stateDir(), 'progress.json');

export async function loadProgress(): Promise<Progress> {
  try {
    const data = JSON.parse(await readFile(file(), 'utf8')) as Partial<Progress>;
    return { done: Array.isArray(data.done) ? data.done.filter((x) => typeof x === 'string') : [], hintsShown: typeof data.hintsShown === 'object' && data.hintsShown !== null ? data.hintsShown : {} };
  } catch {
    return { done: [], hintsShown: {} }; // none yet, or unreadable: start afresh rather than fail
  }
}

export async function saveProgress(progress: Progress): Promise<void> {
  await mkdir(stateDir(), { recursive: true });
  await writeFile(file(), `${JSON.stringify(progress, null, 2)}\n`);
}

/** Whether `lab` is one a participant can still `try`: it has exercise mode and is not done. */
export const toDo = (lab: Lab, progress: Progress): boolean => hasExerciseMode(lab) && !progress.done.includes(lab.name);
/** The first lab of the catalog left to do, if any (labs without exercise mode are never next). */
export const nextLab = (labs: readonly Lab[], progress: Progress): Lab | undefined => labs.find((l) => toDo(l, progress));

/** Shows the next hint of `lab` (or the last one again once all were shown); returns it with its number. */
export async function nextHint(lab: Lab): Promise<{ hint: string; number: number; of: number } | undefined> {
  const hints = lab.hints ?? [];
  if (hints.length === 0) return undefined;
  const progress = await loadProgress();
  const number = Math.min((progress.hintsShown[lab.name] ?? 0) + 1, hints.length);
  progress.hintsShown[lab.name] = number;
  await saveProgress(progress);
  return { hint: hints[number - 1]!, number, of: hints.length };
}

export async function markDone(lab: Lab): Promise<void> {
  const progress = await loadProgress();
  if (progress.done.includes(lab.name)) return;
  progress.done.push(lab.name);
  await saveProgress(progress);
}
