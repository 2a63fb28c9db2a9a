// Sessions kept in the shared store, through a small express-session Store: every worker (and every
// host, with --store redis) finds every session.
import session from 'express-session';
import { defineVariant } from '../../harness/contract.js';
import type { SharedStore } from '../../harness/store/types.js';
import { sessionApp } from './app.js';

type Callback<T = void> = (err?: unknown, result?: T) => void;

/** express-session's Store over SharedStore: a session is one JSON value under `session:<id>`. */
class SharedSessionStore extends session.Store {
  constructor(private readonly shared: SharedStore) {
    super();
  }

  override get(sid: string, callback: Callback<session.SessionData | null>): void {
    this.shared.get(`session:${sid}`)
      .then((json) => (json === null ? null : (JSON.parse(json) as session.SessionData)))
      .then((data) => callback(null, data), callback); // a store error or unreadable JSON goes to express-session
  }

  override set(sid: string, data: session.SessionData, callback: Callback = () => {}): void {
    // No expiry: SharedStore has none. A production store (connect-redis) sets a TTL from the cookie.
    this.shared.set(`session:${sid}`, JSON.stringify(data)).then(() => callback(), callback);
  }

  override destroy(sid: string, callback: Callback = () => {}): void {
    this.shared.del(`session:${sid}`).then(() => callback(), callback);
  }
}

export default defineVariant(({ store }) =>
  // FIX: sessions live outside the worker processes, where every worker looks them up by the cookie.
  sessionApp({ store: new SharedSessionStore(store) }));
