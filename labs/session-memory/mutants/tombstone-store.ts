// CORRECT: async/await Store whose destroy overwrites the session with a "logged out" tombstone instead of deleting it; get treats a tombstone as no session
// A different design (revocation records, kept for an audit trail) and a different code shape,
// with the same guarantees as fixed.ts: every callback comes after its store operation, a request
// never writes a session it did not change, and a revoked id never opens a session again (login
// always issues a new id, so nothing overwrites a tombstone).
import session from 'express-session';
import { defineVariant } from '../../../harness/contract.js';
import type { SharedStore } from '../../../harness/store/types.js';
import { sessionApp } from '../app.js';

type Callback<T = void> = (err?: unknown, result?: T) => void;

const LOGGED_OUT = '"logged out"';
const keyOf = (sid: string): string => `session:${sid}`;

/** Runs `work` and hands its result (or its error) to an express-session callback. */
const finish = <T>(work: Promise<T>, callback: Callback<T>): void => {
  work.then((result) => callback(null, result), (err: unknown) => callback(err));
};

class TombstoneSessionStore extends session.Store {
  constructor(private readonly shared: SharedStore) {
    super();
  }

  override get(sid: string, callback: Callback<session.SessionData | null>): void {
    finish((async () => {
      const json = await this.shared.get(keyOf(sid));
      return json === null || json === LOGGED_OUT ? null : (JSON.parse(json) as session.SessionData);
    })(), callback);
  }

  override set(sid: string, data: session.SessionData, callback: Callback = () => {}): void {
    finish(this.shared.set(keyOf(sid), JSON.stringify(data)), callback);
  }

  override destroy(sid: string, callback: Callback = () => {}): void {
    finish(this.shared.set(keyOf(sid), LOGGED_OUT), callback);
  }
}

export default defineVariant(({ store }) => sessionApp({ store: new TombstoneSessionStore(store) }));
