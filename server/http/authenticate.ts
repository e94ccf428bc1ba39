import type { Request, RequestHandler } from 'express';
import type { User } from '../../shared/api';
import { sessionFromCookieHeader, sessionPolicyOf } from '../auth/sessions';
import type { ServerContext } from '../context';
import { unauthenticated } from '../domain/errors';

declare module 'express-serve-static-core' {
  interface Request {
    /** The signed-in user and their session (and how it was signed in), set by `loadSession`. */
    auth?: { user: User; tokenHash: string; method?: string };
  }
}

/** Reads the session cookie (if any) into `req.auth`. */
export function loadSession(context: ServerContext): RequestHandler {
  return async (req, _res, next) => {
    try {
      req.auth = (await sessionFromCookieHeader(context.store, req.headers.cookie, sessionPolicyOf(context.config))) ?? undefined;
      next();
    } catch (error) {
      next(error);
    }
  };
}

/** The signed-in user and session, or a 401. */
export function requireAuth(req: Request): { user: User; tokenHash: string; method?: string } {
  if (!req.auth) throw unauthenticated();
  return req.auth;
}

/** The signed-in user, or a 401. */
export function requireUser(req: Request): User {
  return requireAuth(req).user;
}

/** The caller's address as the configuration says to read it (X-Forwarded-For only behind a trusted proxy). */
export function clientAddress(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}
