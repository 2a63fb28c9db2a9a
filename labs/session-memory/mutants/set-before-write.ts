// MUTANT: the Store's set calls back before the store write finished, so a login is acknowledged before its session exists
// "Why make the user wait for the store?": the write is started and express-session is told at
// once that it is saved, so the login's answer goes out first. Against a fast store the write
// wins the race with the next request; against a slow one the next request finds no session.
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
    // MUTANT: fire and forget: the callback (and with it the login's answer) does not wait for the write.
    this.shared.set(`session:${sid}`, JSON.stringify(data)).catch((err: unknown) => console.error(`session write failed: ${String(err)}`));
    callback();
  }

  override destroy(sid: string, callback: Callback = () => {}): void {
    this.shared.del(`session:${sid}`).then(() => callback(), callback);
  }
}

export default defineVariant(({ store }) => sessionApp({ store: new SharedSessionStore(store) }));
