import { Router, type Response } from 'express';
import { z } from 'zod';
import { verifyAgainstDummy, verifyPassword } from '../auth/passwords';
import { RateLimiter } from '../auth/RateLimiter';
import { SESSION_COOKIE, startSession } from '../auth/sessions';
import type { ServerContext } from '../context';
import { logSecurity } from '../log';
import { HttpError, parseBody } from './errors';
import { requireUser } from './authenticate';

const LOGIN_WINDOW_MS = 15 * 60 * 1000;
/** Failed attempts per account, and per address, in LOGIN_WINDOW_MS. */
const LOGIN_ATTEMPTS_PER_EMAIL = 10;
const LOGIN_ATTEMPTS_PER_ADDRESS = 50;

const loginSchema = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1000),
});

/** Sets the session cookie: HttpOnly, SameSite=Lax, Secure over https. */
export function setSessionCookie(res: Response, token: string, expires: Date, secure: boolean): void {
  res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: '/', expires });
}

/** POST/GET/DELETE /api/session. */
export function sessionRoutes(context: ServerContext): Router {
  const router = Router();
  const perEmail = new RateLimiter(LOGIN_ATTEMPTS_PER_EMAIL, LOGIN_WINDOW_MS);
  const perAddress = new RateLimiter(LOGIN_ATTEMPTS_PER_ADDRESS, LOGIN_WINDOW_MS);

  router.post('/session', async (req, res) => {
    const { email, password } = parseBody(loginSchema, req.body);
    const emailKey = email.toLowerCase();
    const addressKey = req.ip ?? 'unknown';
    if (perEmail.isBlocked(emailKey) || perAddress.isBlocked(addressKey)) {
      const retryAfter = Math.max(perEmail.retryAfterSeconds(emailKey), perAddress.retryAfterSeconds(addressKey));
      logSecurity('auth.rate_limited', { address: addressKey });
      res.setHeader('Retry-After', String(retryAfter));
      throw new HttpError(429, 'rate_limited', `Too many sign-in attempts. Try again in ${Math.ceil(retryAfter / 60)} minutes.`);
    }
    const user = context.store.users.findByEmail(email);
    const valid = user ? await verifyPassword(password, user.passwordHash) : await verifyAgainstDummy(password);
    if (!user || !valid) {
      perEmail.recordFailure(emailKey);
      perAddress.recordFailure(addressKey);
      logSecurity('auth.login_failed', { address: addressKey });
      throw new HttpError(401, 'invalid_credentials', 'The e-mail address or password is not right');
    }
    const { token, expiresAt } = startSession(context.store, user.id);
    setSessionCookie(res, token, expiresAt, req.secure);
    res.json({ user: { id: user.id, email: user.email, name: user.name } });
  });

  router.get('/session', (req, res) => {
    res.json({ user: requireUser(req).user });
  });

  router.delete('/session', (req, res) => {
    if (req.auth) {
      context.store.sessions.delete(req.auth.tokenHash);
      context.sync.closeSession(req.auth.tokenHash);
    }
    res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' });
    res.status(204).end();
  });

  return router;
}
