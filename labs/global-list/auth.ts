// Who is asking: the user named by the bearer token, as an app behind a login would know it.
// Shared by both variants: the bug is not here, it is in where the items are kept.
import type { Request, Response } from 'express';

/** The user of this request, or null after answering 401. */
export function userOf(req: Request, res: Response): string | null {
  const token = /^Bearer ([a-z0-9-]{1,32})$/.exec(req.get('authorization') ?? '')?.[1];
  if (!token) {
    res.status(401).json({ error: 'send Authorization: Bearer <user>' });
    return null;
  }
  return token;
}

/** The item to add, or null after answering 400. */
export function itemOf(req: Request, res: Response): string | null {
  const item: unknown = req.body?.item;
  if (typeof item !== 'string' || item.length === 0 || item.length > 100) {
    res.status(400).json({ error: 'body must be JSON {"item": "<1 to 100 characters>"}' });
    return null;
  }
  return item;
}
