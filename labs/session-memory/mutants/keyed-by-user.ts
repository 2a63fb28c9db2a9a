// MUTANT: sessions kept under the user's name instead of the session id, so two logins of one user share one session and a logout on one device logs out the other
// "One record per user, so that we can see who is logged in": each session id points to its user,
// and the session lives under `session:user:<name>`. Fine with one device per user; a second
// device shares the record, and logging out the first deletes the session of both.
import session from 'express-session';
import { defineVariant } from '../../../harness/contract.js';
import type { SharedStore } from '../../../harness/store/types.js';
import { sessionApp } from '../app.js';

type Callback<T = void> = (err?: unknown, result?: T) => void;

const sidKey = (sid: string): string => `session:sid:${sid}`;
// MUTANT: the key leaves out the session id: every session of a user is the same record.
const userKey = (user: string): string => `session:user:${user}`;

class UserSessionStore extends session.Store {
  constructor(private readonly shared: SharedStore) {
    super();
  }

  override get(sid: string, callback: Callback<session.SessionData | null>): void {
    this.shared.get(sidKey(sid))
      .then((user) => (user === null ? null : this.shared.get(userKey(user))))
      .then((json) => (json === null ? null : (JSON.parse(json) as session.SessionData)))
      .then((data) => callback(null, data), callback);
  }

  override set(sid: string, data: session.SessionData, callback: Callback = () => {}): void {
    this.shared.setMany({ [sidKey(sid)]: data.user, [userKey(data.user)]: JSON.stringify(data) }).then(() => callback(), callback);
  }

  override destroy(sid: string, callback: Callback = () => {}): void {
    this.shared.get(sidKey(sid))
      // MUTANT: deletes the user's record, which every other session of that user points to as well.
      .then((user) => Promise.all([this.shared.del(sidKey(sid)), user === null ? 0 : this.shared.del(userKey(user))]))
      .then(() => callback(), callback);
  }
}

export default defineVariant(({ store }) => sessionApp({ store: new UserSessionStore(store) }));
