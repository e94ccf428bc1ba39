import type { SessionRecord } from './records';

/** Server-side sessions, keyed by a hash of the cookie's token (a stolen database holds no tokens). */
export interface SessionStore {
  /** `method`: how it was signed in ("password" by default, or "oidc:<provider id>"). */
  create(tokenHash: string, userId: string, expiresAt: Date, method?: string): Promise<void>;
  /** A session that has not reached its absolute expiry, or null. */
  find(tokenHash: string, now?: Date): Promise<SessionRecord | null>;
  /** Records that a session was used now. */
  touch(tokenHash: string, now?: Date): Promise<void>;
  delete(tokenHash: string): Promise<void>;
  /** Ends every session of a user (but `except`, if given); returns the hashes ended. */
  deleteForUser(userId: string, except?: string): Promise<string[]>;
  /** Removes sessions past their absolute expiry or idle since before `idleSince`. */
  deleteExpired(now: Date, idleSince: Date): Promise<number>;
}
