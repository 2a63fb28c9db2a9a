// For tests of labs whose variants are commands (gunicorn-counter: Python from Debian): whether to
// skip them. A developer's run without those packages skips them (and says why); CI never does: there
// they run, and fail on the lab's "needs ... apt-get install ..." line.
import type { Lab } from '../../harness/contract.js';
import { missingRequirement } from '../../harness/command-host.js';

/** What the lab's command variants need and this machine lacks (the lab's own one line), or undefined. */
export const missingFor = (lab: Lab): string | undefined =>
  Object.values(lab.variants).map((v) => (v.command ? missingRequirement(v.command) : undefined)).find(Boolean);

export const skipLab = (lab: Lab): boolean => missingFor(lab) !== undefined && process.env.CI !== 'true';
export const unlessMissing = (lab: Lab, name: string): string => (skipLab(lab) ? `${name} (skipped: ${missingFor(lab)})` : name);
