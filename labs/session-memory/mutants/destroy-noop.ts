// MUTANT: the Store's destroy only calls back and never deletes, so a logged-out cookie still opens the session
// Written to get past a TypeScript error ("destroy is missing") or copied from a stub: get and set
// are right, logins work on every worker, and nobody notices until a user logs out on a shared
// computer and the next person presses Back.
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

  // MUTANT: nothing is deleted: logout answers 204 and the session lives on in the store.
  override destroy(_sid: string, callback: Callback = () => {}): void {
    callback();
  }
}

export default defineVariant(({ store }) => sessionApp({ store: new SharedSessionStore(store) }));
