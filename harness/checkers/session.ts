// Sessions, from login to logout. A session is opened by one acknowledged login and named by the
// login's `value` (a label the scenario gives it: one user can have several sessions, on several
// devices or one after another); a request names in its `value` the session whose cookie it sends.
//   lost   = a request with the cookie of a session, begun after the login was acknowledged and
//            before any logout of that session began, found no session: the app answered 401 (a
//            4xx, so the history has no `seen`; the status says it);
//   stale  = a request with the cookie of a session, begun after that session's logout was
//            acknowledged, still found it (2xx): the session was deleted, and a later request saw
//            the state from before (a logout that deleted nothing, or only in one worker's copy);
//   leaked = a request by a user was answered as somebody else.
// A request that overlapped the logout of its session may find it or not. A session whose login
// failed or never answered has nothing to lose; a logout that failed (4xx) did nothing, and one that
// never answered may have happened at any moment after it began: neither is judged on.
// History ops: `login` with `user` and `value` = the session's label; `logout` with `user` and `value`;
// `read` with `user`, `value` = the label (when absent: the user, for histories with one session per
// user), and `seen` = the user the answer names (2xx) or status 401 (no session).
import type { CheckResult } from '../contract.js';
import { completedBy, n, type History, type Op } from '../history.js';
import { finish, groupBy, onePerWorker, unknown, workersOf } from './result.js';

const NO_SESSION = 401;
const labelOf = (op: Op): string | undefined => (typeof op.value === 'string' ? op.value : op.user);

export function sessionChecker(history: History): CheckResult {
  const logins = new Map<string, Op>(); // each session's first acknowledged login
  for (const op of history) {
    const label = labelOf(op);
    if (op.op === 'login' && op.outcome === 'ok' && op.user !== undefined && label !== undefined && !logins.has(label)) logins.set(label, op);
  }
  // Logouts that may have happened: acknowledged, or without an answer (a 4xx did nothing).
  const logouts = groupBy(history.filter((op) => op.op === 'logout' && op.outcome !== 'fail' && labelOf(op) !== undefined), (op) => labelOf(op)!);
  const answered = (op: Op): boolean => op.outcome === 'ok' || op.status === NO_SESSION;
  const reads = history.filter((op) => op.op === 'read' && op.user !== undefined && answered(op));
  const sessionOf = (read: Op): Op | undefined => {
    const label = labelOf(read);
    const login = label === undefined ? undefined : logins.get(label);
    return login && login.user === read.user ? login : undefined;
  };
  // Must find the session: begun after its login was acknowledged, and no logout of it had begun by the time it ended.
  const mustFind = reads.filter((read) => {
    const login = sessionOf(read);
    return login !== undefined && login.complete! < read.invoke && !(logouts.get(labelOf(read)!) ?? []).some((out) => out.invoke < completedBy(read));
  });
  // Must not find it: begun after a logout of that session was acknowledged.
  const loggedOutBefore = (read: Op): Op | undefined => (logouts.get(labelOf(read)!) ?? []).find((out) => out.outcome === 'ok' && out.complete! < read.invoke);
  const mustNotFind = reads.filter((read) => sessionOf(read) !== undefined && loggedOutBefore(read) !== undefined);

  const counts: Record<string, number> = {
    users: new Set([...logins.values()].map((op) => op.user)).size,
    sessions: logins.size,
    logins: history.filter((op) => op.op === 'login' && op.outcome === 'ok').length,
    logouts: history.filter((op) => op.op === 'logout' && op.outcome === 'ok').length,
    reads: mustFind.length,
    readsAfterLogout: mustNotFind.length,
  };
  if (logins.size === 0) return unknown(counts, 'no login was acknowledged, so there is no session to look for');
  if (mustFind.length + mustNotFind.length === 0) return unknown(counts, 'no request came after a login, so there is nothing to judge');

  const noSession = mustFind.filter((op) => op.status === NO_SESSION);
  const stillOpen = mustNotFind.filter((op) => op.outcome === 'ok');
  const asSomebodyElse = reads.filter((op) => op.outcome === 'ok' && op.seen !== op.user);
  const lostBySession = groupBy(noSession, (op) => labelOf(op)!);
  const staleBySession = groupBy(stillOpen, (op) => labelOf(op)!);
  counts.lost = noSession.length;
  counts.usersLoggedOut = new Set(noSession.map((op) => op.user)).size;
  counts.sessionsLost = lostBySession.size;
  counts.stale = stillOpen.length;
  counts.sessionsNotLoggedOut = staleBySession.size;
  counts.refusedAfterLogout = mustNotFind.length - stillOpen.length;
  counts.leaked = asSomebodyElse.length;

  const label = (login: Op): string => (labelOf(login) === login.user ? '' : ` (session ${labelOf(login)})`);
  const judgedIn = (ops: Op[], session: string): number => ops.filter((op) => labelOf(op) === session).length;
  // The sessions lost most often, one per worker they were opened on.
  const mostMissed = [...lostBySession].sort((a, b) => b[1].length - a[1].length);
  const lostExamples = onePerWorker(mostMissed.map(([session, missed]) => ({ op: logins.get(session)!, missed })))
    .map(({ op, missed }) => `user ${op.user} logged in on worker ${op.worker}${label(op)}; ${n(missed.length)} of their ${n(judgedIn(mustFind, labelOf(op)!))} later requests, ` +
      `on worker(s) ${workersOf(missed)}, found no session (${NO_SESSION})`);
  const mostStale = [...staleBySession].sort((a, b) => b[1].length - a[1].length);
  const staleExamples = onePerWorker(mostStale.map(([, open]) => ({ op: loggedOutBefore(open[0]!)!, open })))
    .map(({ op, open }) => `user ${op.user} logged out on worker ${op.worker}${label(op)}; ${n(open.length)} of their ${n(judgedIn(mustNotFind, labelOf(op)!))} later requests ` +
      `with that cookie, on worker(s) ${workersOf(open)}, were still answered as ${op.user}`);
  const leakExamples = onePerWorker(asSomebodyElse.map((op) => ({ op })))
    .map(({ op }) => `user ${op.user}'s request on worker ${op.worker} was answered as ${String(op.seen)}`);
  return finish({ lost: noSession.length > 0, stale: stillOpen.length > 0, leaked: asSomebodyElse.length > 0 }, counts, [...lostExamples, ...staleExamples, ...leakExamples]);
}
