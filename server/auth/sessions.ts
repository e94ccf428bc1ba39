// Sessions: an opaque random token in an HttpOnly cookie; the server keeps only its hash. A
// session ends at a fixed time after sign-in, or sooner once unused for the idle timeout.
import { createHash, randomBytes } from 'node:crypto';
import { parse } from 'cookie';
import type { User } from '../../shared/api';
import type { Stores } from '../store/Store';

export const SESSION_COOKIE = 'countersign_session';

/** How long sessions last: in all, and without use. */
export interface SessionPolicy {
  absoluteMs: number;
  idleMs: number;
}

/** The session policy a configuration sets. */
export function sessionPolicyOf(config: { sessionAbsoluteMs: number; sessionIdleMs: number }): SessionPolicy {
  return { absoluteMs: config.sessionAbsoluteMs, idleMs: config.sessionIdleMs };
}

/**
 * A session's last use is written at most this often (every request would be a write), and at
 * least four times per idle timeout, so that a session in use never goes idle between writes.
 */
const TOUCH_EVERY_MS = 60_000;

/** The SHA-256 of a token, as stored. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A new random token (256 bits). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Starts a session for a user; returns the token to put in the cookie. */
export async function startSession(
  store: Stores,
  userId: string,
  policy: SessionPolicy,
  method = 'password',
): Promise<{ token: string; tokenHash: string; expiresAt: Date }> {
  const token = newToken();
  const tokenHash = hashToken(token);
  const expiresAt = new Date(Date.now() + policy.absoluteMs);
  await store.sessions.create(tokenHash, userId, expiresAt, method);
  return { token, tokenHash, expiresAt };
}

/** The token in a Cookie header, if it has one of a sane length. */
export function sessionToken(cookieHeader: string | undefined): string | null {
  if (!cookieHeader) return null;
  const token = parse(cookieHeader)[SESSION_COOKIE];
  return token && token.length <= 200 ? token : null;
}

/** The live session behind a Cookie header: its user and token hash, or null (an idle one is ended). */
export async function sessionFromCookieHeader(
  store: Stores,
  cookieHeader: string | undefined,
  policy: SessionPolicy,
  now: Date = new Date(),
): Promise<{ user: User; tokenHash: string; method: string } | null> {
  const token = sessionToken(cookieHeader);
  if (!token) return null;
  const tokenHash = hashToken(token);
  const session = await store.sessions.find(tokenHash, now);
  if (!session) return null;
  const idleFor = now.getTime() - Date.parse(session.lastSeenAt);
  if (idleFor > policy.idleMs) {
    await store.sessions.delete(tokenHash);
    return null;
  }
  const user = await store.users.get(session.userId);
  if (!user) return null;
  if (idleFor > Math.min(TOUCH_EVERY_MS, policy.idleMs / 4)) await store.sessions.touch(tokenHash, now);
  return { user, tokenHash, method: session.method };
}
