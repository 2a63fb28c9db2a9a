// Users with one or two devices (browsers), each keeping its own cookie jar, all at once over a few
// connections, so that every device's requests reach every worker. A device logs in, asks "who am
// I?" a few times, and (one device per user) logs out, asks again with the cookie it still holds,
// and logs in again: every operation a session has, several times over. A request follows at once
// after each login and logout (a slow store shows there), and one runs during each logout. At the
// end, every phone (the sessions that last the whole run) asks once more on a fresh connection,
// when every worker is up again (after a killed worker's replacement has started, say).
import type { LoadStep, RequestSpec, Scenario, ScenarioParams } from '../../harness/contract.js';
import { SESSION_COOKIE } from './app.js';

export const USERS = Array.from({ length: 32 }, (_, i) => `u${String(i + 1).padStart(2, '0')}`);

type Headers = Record<string, string | string[] | undefined>;
/** `sid=s%3A...` out of the login's Set-Cookie, as a browser would keep it. */
const sessionCookieOf = (headers: Headers): string | undefined =>
  [headers['set-cookie'] ?? []].flat().map((c) => c.split(';')[0]!).find((c) => c.startsWith(`${SESSION_COOKIE}=`));

const userIn = (body: { user?: unknown }): unknown => body.user;

type Action = 'login' | 'read' | 'logout';
/**
 * What a device does after its first login, over and over. `a`: a shared computer, logged out after
 * a few requests (and asked twice more with the cookie it still holds: that must be refused now),
 * then logged in again. `b`: the user's phone, logged in for good; it must keep its session whatever
 * `a` does.
 */
const CYCLES: Record<'a' | 'b', readonly Action[]> = {
  a: ['read', 'read', 'read', 'logout', 'read', 'read', 'login'],
  b: ['read'],
};
/** Every other user has a second device. */
const hasPhone = (userIndex: number): boolean => userIndex % 2 === 1;

/**
 * One browser. Its session has a label (`u07/a2`: user u07's device a, second login) that the
 * history records in `value`, so that the checker can tell this session from the user's others.
 */
interface Device {
  user: string;
  name: 'a' | 'b';
  /** What the cookie jar holds (the last session cookie any answer set), as a browser would send it. */
  cookie?: string;
  /** The session the cookie opens: set when a login is acknowledged, cleared when the logout is. */
  session?: string;
  /** The session the cookie opened before its logout was acknowledged: later requests must be refused. */
  loggedOut?: string;
  logins: number;
  /** Requests the device has sent in turn: the first is its login, then its cycle. */
  step: number;
  /** A login or logout is on its way: what comes next depends on its answer. */
  busy: boolean;
  /** Requests with a live session not answered yet: a logout waits for them (so that they are judged). */
  pendingReads: number;
}

function devicesOf(users: readonly string[]): Device[] {
  const device = (user: string, name: 'a' | 'b'): Device => ({ user, name, logins: 0, step: 0, busy: false, pendingReads: 0 });
  return users.flatMap((user, i) => (hasPhone(i) ? [device(user, 'a'), device(user, 'b')] : [device(user, 'a')]));
}

const withCookie = (device: Device): Pick<RequestSpec, 'headers'> => (device.cookie ? { headers: { cookie: device.cookie } } : {});

/** The device's request with the cookie it holds, judged against the session that cookie opens. */
function whoAmI(device: Device): RequestSpec {
  const live = device.session;
  if (live === undefined) {
    // The cookie of a logged-out session: the right answer is 401.
    return { op: 'read', user: device.user, value: device.loggedOut, path: '/me', ...withCookie(device), expectFail: true, seen: userIn };
  }
  device.pendingReads++;
  return {
    op: 'read', user: device.user, value: live, path: '/me', ...withCookie(device),
    seen: (body) => {
      device.pendingReads--;
      return userIn(body);
    },
  };
}

/** A request without a cookie (the right answer is 401), for when no device may send one: judged on nothing. */
const anonymous = (): RequestSpec => ({ op: 'read', path: '/me', expectFail: true, seen: userIn });

/**
 * The load as a scheduler: each request goes to the next device (in turn) that may send one, except
 * that a request that must follow an answer at once (after a login, after a logout, during a
 * logout) goes first. autocannon asks for the next request on the connection that just got its
 * answer, so "at once" means on the same worker, microseconds later; the devices in turn land on
 * whichever connection is free, so on every worker.
 */
function sessionLoad(devices: Device[], requests: number, connections: number): LoadStep {
  const urgent: Array<() => RequestSpec> = [];
  let cursor = 0;

  const login = (device: Device): RequestSpec => {
    const label = `${device.user}/${device.name}${++device.logins}`;
    device.busy = true;
    return {
      op: 'login', user: device.user, value: label, method: 'POST', path: '/login', body: { user: device.user }, ...withCookie(device),
      seen: (body, headers) => {
        device.cookie = sessionCookieOf(headers) ?? device.cookie;
        device.session = label;
        device.loggedOut = undefined;
        device.busy = false;
        urgent.push(() => whoAmI(device)); // the session must be there for the very next request
        return userIn(body);
      },
    };
  };

  const logout = (device: Device): RequestSpec => {
    const label = device.session!;
    device.busy = true;
    // Another tab of the same browser, during the logout: either answer is right, but it must not
    // bring the session back (a store's `touch` that writes the whole session would).
    urgent.push(() => ({ op: 'read', user: device.user, value: label, path: '/me', ...withCookie(device), expectFail: true, seen: userIn }));
    return {
      op: 'logout', user: device.user, value: label, method: 'POST', path: '/logout', ...withCookie(device),
      seen: () => {
        device.session = undefined;
        device.loggedOut = label;
        device.busy = false;
        urgent.push(() => whoAmI(device)); // must be refused, on the very next request
        return undefined;
      },
    };
  };

  /** The device's next request, or undefined when it must wait for an answer first. */
  const nextOf = (device: Device): RequestSpec | undefined => {
    if (device.busy) return undefined;
    const cycle = CYCLES[device.name];
    const action = device.step === 0 ? 'login' : cycle[(device.step - 1) % cycle.length]!;
    if (action === 'logout' && device.pendingReads > 0) return undefined;
    device.step++;
    return action === 'login' ? login(device) : action === 'logout' ? logout(device) : whoAmI(device);
  };

  return {
    kind: 'load',
    label: 'log in, ask who am I, log out, ask again, log in again',
    amount: requests,
    connections,
    request: () => {
      const first = urgent.shift();
      if (first) return first();
      for (let tried = 0; tried < devices.length; tried++) {
        const spec = nextOf(devices[cursor++ % devices.length]!);
        if (spec) return spec;
      }
      return anonymous(); // every device waits for an answer (only with far more connections than devices)
    },
  };
}

export function sessionMemoryScenario({ requests, connections, spreadReads }: ScenarioParams): Scenario {
  const devices = devicesOf(USERS);
  // The sessions that must last the whole run, opened first: after a fault, every one of them must
  // still open on whichever worker (a replaced worker with an empty MemoryStore has none of them).
  const phones = devices.filter((d) => d.name === 'b');
  return {
    steps: [
      sessionLoad(devices, requests, connections),
      {
        kind: 'fresh',
        label: 'every phone once more, on every worker',
        count: Math.max(spreadReads, phones.length),
        request: (seq) => {
          const phone = phones[seq % phones.length]!;
          // A login that never got an answer leaves the session unknown: nothing to judge.
          return phone.busy || phone.session === undefined ? anonymous() : whoAmI(phone);
        },
      },
    ],
  };
}
