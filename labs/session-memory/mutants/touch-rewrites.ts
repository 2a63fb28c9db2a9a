// MUTANT: the Store's touch writes the whole session back, so a request that loaded the session before a logout brings it back to life after it
// Stores with an expiry implement `touch` to keep active sessions alive, and the simplest touch is
// "save it again". express-session calls it at the end of every request that did not change the
// session. A request that loaded the session just before the user logged out (another tab, a
// prefetch) writes it back just after: the logout is undone.
import session from 'express-session';
import { defineVariant } from '../../../harness/contract.js';
import type { SharedStore } from '../../../harness/store/types.js';
import { sessionApp } from '../app.js';

type Callback<T = void> = (err?: unknown, result?: T) => void;

class SharedSessionStore extends session.Store {
  constructor(private readonly shared: SharedStore) {
    super();
  }

  override get(sid: string, callback: Callback<session.SessionData | null>): void {
    this.shared.get(`session:${sid}`)
      .then((json) => (json === null ? null : (JSON.parse(json) as session.SessionData)))
      .then((data) => callback(null, data), callback);
  }

  override set(sid: string, data: session.SessionData, callback: Callback = () => {}): void {
    this.shared.set(`session:${sid}`, JSON.stringify(data)).then(() => callback(), callback);
  }

  // MUTANT: an unconditional write of what this request loaded: it recreates a session destroyed meanwhile.
  override touch(sid: string, data: session.SessionData, callback: Callback = () => {}): void {
    this.set(sid, data, callback);
  }

  override destroy(sid: string, callback: Callback = () => {}): void {
    this.shared.del(`session:${sid}`).then(() => callback(), callback);
  }
}

export default defineVariant(({ store }) => sessionApp({ store: new SharedSessionStore(store) }));
