import { describe, expect, it } from 'vitest';
import { sessionChecker } from '../../../harness/checkers/session.js';
import { op } from '../../helpers/history.js';

const login = (user: string, at: number, worker = '1', fields = {}) => op('login', at, at + 1, { user, value: user, seen: user, worker, ...fields });
const me = (user: string, at: number, worker = '1', seen: string = user) => op('read', at, at + 1, { user, seen, worker });
/** A request that found no session: the app answered 401, which the history records as a failed op. */
const loggedOut = (user: string, at: number, worker = '1') => op('read', at, at + 1, { user, worker, outcome: 'fail', status: 401 });

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

  it('is unknown, never ok, when there is nothing to judge', () => {
    expect(sessionChecker([]).verdict).toBe('unknown');
    expect(sessionChecker([me('u1', 10)]).verdict).toBe('unknown');
    expect(sessionChecker([login('u1', 0)]).verdict).toBe('unknown');
    expect(sessionChecker([login('u1', 0), op('read', 10, 11, { user: 'u1', outcome: 'fail', status: 400 })]).verdict).toBe('unknown');
  });
});
