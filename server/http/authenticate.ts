import type { Request, RequestHandler } from 'express';
import type { User } from '../../shared/api';
import { sessionFromCookieHeader } from '../auth/sessions';
import type { Store } from '../store/Store';
import { HttpError } from './errors';

declare module 'express-serve-static-core' {
  interface Request {
    /** The signed-in user and their session, set by `loadSession`. */
    auth?: { user: User; tokenHash: string };
  }
}

/** Reads the session cookie (if any) into `req.auth`. */
export function loadSession(store: Store): RequestHandler {
  return (req, _res, next) => {
    req.auth = sessionFromCookieHeader(store, req.headers.cookie) ?? undefined;
    next();
  };
}

/** The signed-in user, or a 401. */
export function requireUser(req: Request): { user: User; tokenHash: string } {
  if (!req.auth) throw new HttpError(401, 'unauthenticated', 'Sign in to continue');
  return req.auth;
}
