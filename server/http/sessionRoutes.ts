import { Router, type Request, type Response } from 'express';
import { changePasswordRequest, signInRequest } from '../../shared/schemas/requests';
import { SESSION_COOKIE, hashToken, sessionToken } from '../auth/sessions';
import type { ServerContext } from '../context';
import { changePassword, signIn, signOut, signOutEverywhere, type StartedSession } from '../domain/sessions';
import { clientAddress, requireAuth } from './authenticate';
import { parseBody } from './errors';

/** Sets the session cookie: HttpOnly, SameSite=Lax, Secure over https. */
export function setSessionCookie(res: Response, session: Pick<StartedSession, 'token' | 'expiresAt'>, secure: boolean): void {
  res.cookie(SESSION_COOKIE, session.token, { httpOnly: true, sameSite: 'lax', secure, path: '/', expires: session.expiresAt });
}

function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' });
}

/** POST/GET/DELETE /api/session, POST /api/session/password, DELETE /api/sessions. */
export function sessionRoutes(context: ServerContext): Router {
  const router = Router();

  router.post('/session', async (req, res) => {
    const body = parseBody(signInRequest, req.body);
    const presented = sessionToken(req.headers.cookie);
    const session = await signIn(context, {
      ...body,
      address: clientAddress(req),
      presentedSessionHash: presented ? hashToken(presented) : undefined,
    });
    setSessionCookie(res, session, req.secure);
    res.json({ user: session.user });
  });

  router.get('/session', (req, res) => {
    res.json({ user: requireAuth(req).user });
  });

  router.delete('/session', async (req, res) => {
    if (req.auth) await signOut(context, req.auth, clientAddress(req));
    clearSessionCookie(req, res);
    res.status(204).end();
  });

  router.post('/session/password', async (req, res) => {
    const auth = requireAuth(req);
    const body = parseBody(changePasswordRequest, req.body);
    const session = await changePassword(context, auth, { ...body, address: clientAddress(req) });
    setSessionCookie(res, session, req.secure);
    res.json({ user: session.user });
  });

  /** Signs out everywhere: every session of the account, this one included. */
  router.delete('/sessions', async (req, res) => {
    const auth = requireAuth(req);
    const ended = await signOutEverywhere(context, auth, { includingThis: true, address: clientAddress(req) });
    clearSessionCookie(req, res);
    res.json({ ended });
  });

  return router;
}
