// MUTANT: the Store's destroy calls back before the delete reached the store, so a logout is acknowledged while the session still opens
// The same shortcut as set-before-write, on the way out: the 204 of the logout goes out while the
// delete is still travelling, and a request sent right after the logout (another tab, a retry)
// is still served as the user who just logged out.
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

  override destroy(sid: string, callback: Callback = () => {}): void {
    // MUTANT: not awaited: the logout is answered before the session is gone.
    void this.shared.del(`session:${sid}`);
    callback();
  }
}

export default defineVariant(({ store }) => sessionApp({ store: new SharedSessionStore(store) }));
