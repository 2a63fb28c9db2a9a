// The app both variants serve: log in, then ask who you are. express-session does the work; the
// variants differ only in where it keeps the sessions.
import express, { type Express } from 'express';
import session, { type Store } from 'express-session';

declare module 'express-session' {
  interface SessionData { user: string }
}

export const SESSION_COOKIE = 'sid';
// In the source on purpose, because this is a lab; a real app reads its secret from the environment.
const SESSION_SECRET = 'worker-state-lab session secret (not a secret)';
const USER = /^[a-z0-9-]{1,32}$/;

export function sessionApp({ store }: { store?: Store }): Express {
  const app = express();
  app.use(express.json({ limit: '1kb' }));
  app.use(session({
    name: SESSION_COOKIE,
    secret: SESSION_SECRET,
    ...(store && { store }),
    // Both said explicitly: left out, express-session prints a deprecation warning on stderr.
    resave: false,
    saveUninitialized: false,
    cookie: { httpOnly: true, sameSite: 'lax' },
  }));

  app.post('/login', (req, res, next) => {
    const user: unknown = req.body?.user;
    if (typeof user !== 'string' || !USER.test(user)) {
      res.status(400).json({ error: 'body must be JSON {"user": "<1 to 32 of a-z, 0-9, ->"}' });
      return;
    }
    // A new session id at login (so that an id planted before login is worth nothing), then the user.
    // express-session saves the session before the answer goes out: an acknowledged login is stored.
    req.session.regenerate((err) => {
      if (err) return next(err);
      req.session.user = user;
      res.json({ user });
    });
  });

  app.get('/me', (req, res) => {
    const user = req.session.user;
    if (!user) {
      res.status(401).json({ error: 'not logged in: no session for this cookie' });
      return;
    }
    res.json({ user });
  });

  app.post('/logout', (req, res, next) => {
    req.session.destroy((err) => (err ? next(err) : res.status(204).end()));
  });

  return app;
}
