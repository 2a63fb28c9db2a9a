// Sessions after a login: a user's acknowledged login writes their session, and every request the
// user sends afterwards (with the cookie the login gave) must find it.
//   lost   = a request by a user, begun after their login was acknowledged, found no session: the
//            app answered 401 (a 4xx, so the history has no `seen`; the status says it);
//   leaked = a request by a user was answered as somebody else.
// A user whose login failed or never answered has no session to lose: their requests are not judged.
// History ops: `login` with `user`; `read` with `user`, and `seen` = the user the answer names (2xx)
// or status 401 (no session).
import type { CheckResult } from '../contract.js';
import { n, type History, type Op } from '../history.js';
import { finish, onePerWorker, unknown } from './result.js';

const NO_SESSION = 401;
const workersOf = (ops: Op[]): string => [...new Set(ops.map((o) => o.worker))].sort().join(', ');

export function sessionChecker(history: History): CheckResult {
  const logins = new Map<string, Op>(); // each user's first acknowledged login
  for (const op of history) if (op.op === 'login' && op.outcome === 'ok' && op.user !== undefined && !logins.has(op.user)) logins.set(op.user, op);
  const judged = history.filter((op) => {
    const login = op.user === undefined ? undefined : logins.get(op.user);
    const answered = op.outcome === 'ok' || op.status === NO_SESSION;
    return op.op === 'read' && answered && login !== undefined && login.complete! < op.invoke;
  });
  const counts: Record<string, number> = {
    users: logins.size,
    logins: history.filter((op) => op.op === 'login' && op.outcome === 'ok').length,
    reads: judged.length,
  };
  if (logins.size === 0) return unknown(counts, 'no login was acknowledged, so there is no session to look for');
  if (judged.length === 0) return unknown(counts, 'no request came after a login, so there is nothing to judge');

  const loggedOut = judged.filter((op) => op.status === NO_SESSION);
  const asSomebodyElse = judged.filter((op) => op.outcome === 'ok' && op.seen !== op.user);
  const loggedOutBy = new Map<string, Op[]>();
  for (const op of loggedOut) loggedOutBy.set(op.user!, [...(loggedOutBy.get(op.user!) ?? []), op]);
  counts.lost = loggedOut.length;
  counts.usersLoggedOut = loggedOutBy.size;
  counts.leaked = asSomebodyElse.length;

  const readsBy = (user: string): number => judged.filter((op) => op.user === user).length;
  // The users who lost their session most often, one per worker they logged in on.
  const mostMissed = [...loggedOutBy].sort((a, b) => b[1].length - a[1].length);
  const lostExamples = onePerWorker(mostMissed.map(([user, missed]) => ({ op: logins.get(user)!, missed })))
    .map(({ op, missed }) => `user ${op.user} logged in on worker ${op.worker}; ${n(missed.length)} of their ${n(readsBy(op.user!))} later requests, ` +
      `on worker(s) ${workersOf(missed)}, found no session (${NO_SESSION})`);
  const leakExamples = onePerWorker(asSomebodyElse.map((op) => ({ op })))
    .map(({ op }) => `user ${op.user}'s request on worker ${op.worker} was answered as ${String(op.seen)}`);
  return finish({ lost: loggedOut.length > 0, leaked: asSomebodyElse.length > 0 }, counts, [...lostExamples, ...leakExamples]);
}
