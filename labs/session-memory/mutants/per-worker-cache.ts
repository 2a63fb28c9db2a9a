// MUTANT: a per-worker read-through cache in front of the shared store: a logout clears the cache of the worker that served it, the other workers keep serving the session
// Every request costs a store round trip to load its session; a Map in the worker saves it. Logins
// work everywhere (a miss goes to the store), and the worker that logs a user out forgets the
// session too. The other workers never hear of the logout: their copy opens the session for good.
import session from 'express-session';
import { defineVariant } from '../../../harness/contract.js';
import type { SharedStore } from '../../../harness/store/types.js';
import { sessionApp } from '../app.js';

type Callback<T = void> = (err?: unknown, result?: T) => void;

class CachedSessionStore extends session.Store {
  // MUTANT: process memory again: one copy of each session per worker, invalidated only in this one.
  readonly #cache = new Map<string, string>();

  constructor(private readonly shared: SharedStore) {
    super();
  }

  override get(sid: string, callback: Callback<session.SessionData | null>): void {
    const cached = this.#cache.get(sid);
    // Kept as JSON: express-session changes the object it is given (its cookie becomes a Cookie).
    const load = cached !== undefined ? Promise.resolve(cached) : this.shared.get(`session:${sid}`);
    load
      .then((json) => {
        if (json === null) return null;
        this.#cache.set(sid, json);
        return JSON.parse(json) as session.SessionData;
      })
      .then((data) => callback(null, data), callback);
  }

  override set(sid: string, data: session.SessionData, callback: Callback = () => {}): void {
    const json = JSON.stringify(data);
    this.#cache.set(sid, json);
    this.shared.set(`session:${sid}`, json).then(() => callback(), callback);
  }

  override destroy(sid: string, callback: Callback = () => {}): void {
    // MUTANT: forgets the session here and in the store, but not in any other worker's cache.
    this.#cache.delete(sid);
    this.shared.del(`session:${sid}`).then(() => callback(), callback);
  }
}

export default defineVariant(({ store }) => sessionApp({ store: new CachedSessionStore(store) }));
