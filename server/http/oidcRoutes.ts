// Single sign-on routes (browser navigations, not the JSON API): /auth/oidc/<provider> sends the
// browser to the provider; /auth/oidc/callback finishes the sign-in and sends it on. A refused
// sign-in lands on the sign-in page with the reason (`/sign-in?error=...`), never with a session.
import { Router, type Response } from 'express';
import { parse } from 'cookie';
import { hashToken, sessionToken } from '../auth/sessions';
import { OIDC_LOGIN_LIFETIME_MS, OidcError } from '../auth/oidc';
import type { ServerContext } from '../context';
import { finishOidcSignIn, OidcSignInRefused, startOidcSignIn } from '../domain/oidcSignIn';
import { log } from '../log';
import { clientAddress } from './authenticate';
import { setSessionCookie } from './sessionRoutes';

/** The cookie that binds a sign-in under way to the browser that started it. */
const BROWSER_COOKIE = 'countersign_oidc';
const COOKIE_PATH = '/auth/oidc';

function refused(res: Response, reason: string): void {
  res.redirect(303, `/sign-in?error=${encodeURIComponent(reason)}`);
}

/** GET /auth/oidc/:providerId and /auth/oidc/callback. */
export function oidcRoutes(context: ServerContext): Router {
  const router = Router();

  router.get('/auth/oidc/callback', async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    const browserSecret = req.headers.cookie ? (parse(req.headers.cookie)[BROWSER_COOKIE] ?? null) : null;
    res.clearCookie(BROWSER_COOKIE, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: COOKIE_PATH });
    const presented = sessionToken(req.headers.cookie);
    try {
      const { session, returnTo } = await finishOidcSignIn(context, {
        callbackUrl: new URL(req.originalUrl, 'http://callback.invalid'),
        browserSecret,
        presentedSessionHash: presented ? hashToken(presented) : undefined,
        address: clientAddress(req),
      });
      setSessionCookie(res, session, req.secure);
      res.redirect(303, returnTo);
    } catch (error) {
      if (error instanceof OidcSignInRefused) return refused(res, error.reason);
      log.error('auth.oidc_failed', { error: String(error) });
      refused(res, 'provider_unavailable');
    }
  });

  router.get('/auth/oidc/:providerId', async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    const next = typeof req.query.next === 'string' ? req.query.next : undefined;
    const invitationToken = typeof req.query.invitation === 'string' ? req.query.invitation : undefined;
    try {
      const { url, browserSecret } = await startOidcSignIn(context, { providerId: req.params.providerId, next, invitationToken });
      res.cookie(BROWSER_COOKIE, browserSecret, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: COOKIE_PATH, maxAge: OIDC_LOGIN_LIFETIME_MS });
      res.redirect(303, url);
    } catch (error) {
      if (error instanceof OidcError) {
        log.warn('auth.oidc_start_failed', { reason: error.reason, detail: error.message.slice(0, 300) });
        return refused(res, error.reason);
      }
      throw error;
    }
  });

  return router;
}
