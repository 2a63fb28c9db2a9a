// Many users log in one after another (round-robin spreads the logins over the workers), then every
// user asks "who am I?" with their cookie, interleaved over all connections, so that each user's
// requests reach every worker; and once more each on a fresh connection when every worker is up
// again (after a killed worker's replacement has started, say).
import type { RequestSpec, Scenario, ScenarioParams } from '../../harness/contract.js';
import { SESSION_COOKIE } from './app.js';

export const USERS = Array.from({ length: 32 }, (_, i) => `u${String(i + 1).padStart(2, '0')}`);

type Headers = Record<string, string | string[] | undefined>;
/** `sid=s%3A...` out of the login's Set-Cookie, as a browser would keep it. */
const sessionCookieOf = (headers: Headers): string | undefined =>
  [headers['set-cookie'] ?? []].flat().map((c) => c.split(';')[0]!).find((c) => c.startsWith(`${SESSION_COOKIE}=`));

const userIn = (body: { user?: unknown }): unknown => body.user;

export function sessionMemoryScenario({ requests, connections }: ScenarioParams): Scenario {
  // Each user's cookie jar: filled by the login step, read by the steps after it (steps run in order).
  const cookies = new Map<string, string>();
  const whoAmI = (user: string): RequestSpec => {
    const cookie = cookies.get(user);
    return { op: 'read', user, path: '/me', ...(cookie && { headers: { cookie } }), seen: userIn };
  };
  return {
    steps: [
      {
        kind: 'fresh',
        label: 'every user logs in',
        count: USERS.length,
        request: (seq) => {
          const user = USERS[seq]!;
          return {
            op: 'login', user, value: user, method: 'POST', path: '/login', body: { user },
            seen: (body, headers) => {
              const cookie = sessionCookieOf(headers);
              if (cookie) cookies.set(user, cookie);
              return userIn(body);
            },
          };
        },
      },
      {
        kind: 'load',
        label: 'requests that need the session',
        amount: requests,
        connections,
        request: (seq) => whoAmI(USERS[seq % USERS.length]!),
      },
      { kind: 'fresh', label: 'every user once more', count: USERS.length, request: (seq) => whoAmI(USERS[seq]!) },
    ],
  };
}
