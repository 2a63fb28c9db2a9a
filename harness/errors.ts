/** A problem the user can fix (a taken port, an unreachable Redis, a bad option): one line, exit code 2. */
export class HarnessError extends Error {
  override name = 'HarnessError';
}
