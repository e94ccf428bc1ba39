// Sessions: an opaque random token in an HttpOnly cookie; the server keeps only its hash.
import { createHash, randomBytes } from 'node:crypto';
import { parse } from 'cookie';
import type { User } from '../../shared/api';
import type { Store } from '../store/Store';

export const SESSION_COOKIE = 'countersign_session';
export const SESSION_LIFETIME_MS = 14 * 24 * 60 * 60 * 1000;

/** The SHA-256 of a token, as stored. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A new random token (256 bits). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Starts a session for a user; returns the token to put in the cookie. */
export function startSession(store: Store, userId: string): { token: string; expiresAt: Date } {
  const token = newToken();
  const expiresAt = new Date(Date.now() + SESSION_LIFETIME_MS);
  store.sessions.create(hashToken(token), userId, expiresAt);
  return { token, expiresAt };
}

/** The session behind a Cookie header: its user and token hash, or null. */
export function sessionFromCookieHeader(
  store: Store,
  cookieHeader: string | undefined,
): { user: User; tokenHash: string } | null {
  if (!cookieHeader) return null;
  const token = parse(cookieHeader)[SESSION_COOKIE];
  if (!token || token.length > 200) return null;
  const tokenHash = hashToken(token);
  const userId = store.sessions.userIdFor(tokenHash);
  if (!userId) return null;
  const user = store.users.get(userId);
  return user ? { user, tokenHash } : null;
}
