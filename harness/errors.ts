/** A problem the user can fix (a taken port, an unreachable Redis, a bad option): one line, exit code 2. */
export class HarnessError extends Error {
  override name = 'HarnessError';
}

/** A run stopped because its caller no longer wants it (watch mode: the file was saved again). */
export class Cancelled extends Error {
  override name = 'Cancelled';
  constructor() {
    super('cancelled');
  }
}
