import { describe, expect, it } from 'vitest';
import { sessionChecker } from '../../../harness/checkers/session.js';
import { op } from '../../helpers/history.js';

const login = (user: string, at: number, worker = '1', fields = {}) => op('login', at, at + 1, { user, value: user, seen: user, worker, ...fields });
const me = (user: string, at: number, worker = '1', seen: string = user) => op('read', at, at + 1, { user, seen, worker });
/** A request that found no session: the app answered 401, which the history records as a failed op. */
const loggedOut = (user: string, at: number, worker = '1') => op('read', at, at + 1, { user, worker, outcome: 'fail', status: 401 });

// Sessions with labels, as the scenario records them: `u1/a1` is user u1's device a, first login.
const userOf = (session: string): string => session.split('/')[0]!;
const open = (session: string, at: number, worker = '1') => op('login', at, at + 1, { user: userOf(session), value: session, seen: userOf(session), worker });
const close = (session: string, at: number, done: number | null = at + 1, worker = '1', fields = {}) =>
  op('logout', at, done, { user: userOf(session), value: session, worker, ...fields });
/** A request with the session's cookie: found it (2xx, answered as the user) or not (401). */
const found = (session: string, at: number, worker = '1', done = at + 1) => op('read', at, done, { user: userOf(session), value: session, seen: userOf(session), worker });
const refused = (session: string, at: number, worker = '1', done = at + 1) =>
  op('read', at, done, { user: userOf(session), value: session, worker, outcome: 'fail', status: 401, expectFail: true });

describe('sessionChecker (a session must outlive the request that logged in)', () => {
  it('is ok when every request after the login finds its own session', () => {
    const result = sessionChecker([login('u1', 0, '1'), login('u2', 2, '2'), me('u1', 10, '2'), me('u2', 12, '1'), me('u1', 14, '3')]);
    expect(result.verdict).toBe('ok');
    expect(result.counts).toMatchObject({ users: 2, logins: 2, reads: 3, lost: 0, usersLoggedOut: 0, leaked: 0 });
  });

  it('is lost when a request after the login finds no session (401), and names the workers', () => {
    const history = [login('u1', 0, '2'), me('u1', 10, '2'), loggedOut('u1', 12, '1'), loggedOut('u1', 14, '3'), login('u2', 20, '1'), me('u2', 30, '1')];
    const result = sessionChecker(history);
    expect(result.verdict).toBe('lost');
    expect(result.anomalies).toEqual(['lost']);
    expect(result.counts).toMatchObject({ reads: 4, lost: 2, usersLoggedOut: 1, leaked: 0 });
    expect(result.examples).toEqual(['user u1 logged in on worker 2; 2 of their 3 later requests, on worker(s) 1, 3, found no session (401)']);
  });

  it('is leaked when a request is answered as another user', () => {
    const result = sessionChecker([login('u1', 0), login('u2', 2), me('u1', 10, '4', 'u2')]);
    expect(result.verdict).toBe('leaked');
    expect(result.counts).toMatchObject({ leaked: 1, lost: 0 });
    expect(result.examples).toEqual(["user u1's request on worker 4 was answered as u2"]);
  });

  it('does not judge a request that began before the login was acknowledged, nor a user whose login failed', () => {
    expect(sessionChecker([login('u1', 10), loggedOut('u1', 5), me('u1', 20)]).verdict).toBe('ok');
    const refused = login('u2', 0, '1', { outcome: 'fail', status: 400, seen: undefined });
    const unsure = login('u3', 0, '1', { outcome: 'info', status: null, complete: null, seen: undefined });
    expect(sessionChecker([login('u1', 0), me('u1', 10), refused, loggedOut('u2', 10), unsure, loggedOut('u3', 10)]).verdict).toBe('ok');
  });

  it('does not count other failures (a 404, a 500) as a missing session', () => {
    const other = op('read', 10, 11, { user: 'u1', outcome: 'fail', status: 404 });
    const broken = op('read', 12, 13, { user: 'u1', outcome: 'info', status: 500 });
    expect(sessionChecker([login('u1', 0), other, broken, me('u1', 20)]).counts).toMatchObject({ reads: 1, lost: 0 });
  });

  it('is ok when a logged-out cookie is refused on every worker, and a new login opens a new session', () => {
    const result = sessionChecker([
      open('u1/a1', 0), found('u1/a1', 10, '2'), close('u1/a1', 20, 22, '3'),
      refused('u1/a1', 23, '3'), refused('u1/a1', 25, '1'), refused('u1/a1', 27, '2'),
      open('u1/a2', 30, '4'), found('u1/a2', 40, '1'), refused('u1/a1', 41, '4'),
    ]);
    expect(result.verdict).toBe('ok');
    expect(result.counts).toMatchObject({ users: 1, sessions: 2, logins: 2, logouts: 1, reads: 2, readsAfterLogout: 4, refusedAfterLogout: 4, stale: 0, lost: 0 });
  });

  it('is stale when a request begun after the logout was acknowledged still finds the session (a destroy that deletes nothing)', () => {
    const result = sessionChecker([open('u1/a1', 0), found('u1/a1', 10), close('u1/a1', 20, 22, '2'), found('u1/a1', 23, '2'), found('u1/a1', 30, '3'), refused('u1/a1', 31, '1')]);
    expect(result.verdict).toBe('stale');
    expect(result.anomalies).toEqual(['stale']);
    expect(result.counts).toMatchObject({ readsAfterLogout: 3, stale: 2, sessionsNotLoggedOut: 1, refusedAfterLogout: 1, lost: 0 });
    expect(result.examples).toEqual(['user u1 logged out on worker 2 (session u1/a1); 2 of their 3 later requests with that cookie, on worker(s) 2, 3, were still answered as u1']);
  });

  it('is stale when other workers still serve a session that one worker logged out (a per-worker cache)', () => {
    const history = [open('u1/a1', 0), found('u1/a1', 5, '1'), found('u1/a1', 6, '2'), close('u1/a1', 10, 11, '1'), refused('u1/a1', 12, '1'), found('u1/a1', 13, '2')];
    expect(sessionChecker(history)).toMatchObject({ verdict: 'stale', counts: { stale: 1, refusedAfterLogout: 1 } });
  });

  it('lets a request that overlapped the logout find the session or not, but not one that began after it (a touch that writes the session back)', () => {
    const during = (answer: typeof found) => [open('u1/a1', 0), found('u1/a1', 10), close('u1/a1', 20, 30), answer('u1/a1', 21, '2', 29)];
    expect(sessionChecker(during(found)).verdict).toBe('ok');
    expect(sessionChecker(during(refused)).verdict).toBe('ok');
    expect(sessionChecker(during(found)).counts).toMatchObject({ reads: 1, readsAfterLogout: 0 });
    // The request during the logout wrote the session back: the next one finds it.
    const resurrected = sessionChecker([...during(found), found('u1/a1', 31, '3')]);
    expect(resurrected).toMatchObject({ verdict: 'stale', counts: { stale: 1 } });
  });

  it('does not judge on a logout that failed (it did nothing) or never answered (it may have happened at any moment)', () => {
    const failed = close('u1/a1', 20, 21, '1', { outcome: 'fail', status: 400 });
    expect(sessionChecker([open('u1/a1', 0), failed, found('u1/a1', 30)]).verdict).toBe('ok');
    expect(sessionChecker([open('u1/a1', 0), failed, refused('u1/a1', 30)]).verdict).toBe('lost');
    const unsure = close('u1/a1', 20, null, '1', { outcome: 'info', status: null });
    const after = (answer: typeof found) => sessionChecker([open('u1/a1', 0), found('u1/a1', 10), unsure, answer('u1/a1', 30)]);
    expect(after(found).verdict).toBe('ok');
    expect(after(refused).verdict).toBe('ok');
    expect(after(refused).counts).toMatchObject({ reads: 1, readsAfterLogout: 0 });
  });

  it("is lost when logging out one device logs out the user's other device (sessions keyed by user)", () => {
    const result = sessionChecker([
      open('u1/a1', 0, '1'), open('u1/b1', 2, '2'), found('u1/b1', 10, '3'),
      close('u1/a1', 20, 21), refused('u1/a1', 22), op('read', 23, 24, { user: 'u1', value: 'u1/b1', worker: '4', outcome: 'fail', status: 401 }),
    ]);
    expect(result.verdict).toBe('lost');
    expect(result.counts).toMatchObject({ users: 1, sessions: 2, lost: 1, sessionsLost: 1, usersLoggedOut: 1, stale: 0, refusedAfterLogout: 1 });
    expect(result.examples).toEqual(['user u1 logged in on worker 2 (session u1/b1); 1 of their 2 later requests, on worker(s) 4, found no session (401)']);
  });

  it('is lost when the request right after a login finds no session yet (a login acknowledged before its session was written)', () => {
    expect(sessionChecker([open('u1/a1', 0), refused('u1/a1', 1.5, '1'), found('u1/a1', 30)])).toMatchObject({ verdict: 'lost', counts: { lost: 1 } });
    // Begun before the login's answer: the session may not exist yet.
    expect(sessionChecker([open('u1/a1', 0), refused('u1/a1', 0.5, '1'), found('u1/a1', 30)]).verdict).toBe('ok');
  });

  it('judges a request only against the session its cookie belongs to, and only for that session\'s user', () => {
    // u2 sending u1's label is a scenario mix-up, not a session to judge; the unlabelled request without a user is anonymous.
    const result = sessionChecker([open('u1/a1', 0), found('u1/a1', 10), op('read', 12, 13, { user: 'u2', value: 'u1/a1', outcome: 'fail', status: 401 }), op('read', 14, 15, { outcome: 'fail', status: 401 })]);
    expect(result).toMatchObject({ verdict: 'ok', counts: { reads: 1 } });
  });

  it('is unknown, never ok, when there is nothing to judge', () => {
    expect(sessionChecker([]).verdict).toBe('unknown');
    expect(sessionChecker([me('u1', 10)]).verdict).toBe('unknown');
    expect(sessionChecker([login('u1', 0)]).verdict).toBe('unknown');
    expect(sessionChecker([login('u1', 0), op('read', 10, 11, { user: 'u1', outcome: 'fail', status: 400 })]).verdict).toBe('unknown');
  });
});
