import type { SqliteDatabase } from './openDatabase';

/** Server-side sessions, keyed by a hash of the cookie's token (a stolen database holds no tokens). */
export class SessionStore {
  constructor(private readonly db: SqliteDatabase) {}

  create(tokenHash: string, userId: string, expiresAt: Date): void {
    this.db
      .prepare('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)')
      .run(tokenHash, userId, new Date().toISOString(), expiresAt.toISOString());
  }

  /** The user id of a live session, or null when unknown or expired. */
  userIdFor(tokenHash: string, now: Date = new Date()): string | null {
    const row = this.db
      .prepare<[string, string], { user_id: string }>(
        'SELECT user_id FROM sessions WHERE token_hash = ? AND expires_at > ?',
      )
      .get(tokenHash, now.toISOString());
    return row?.user_id ?? null;
  }

  delete(tokenHash: string): void {
    this.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
  }

  deleteExpired(now: Date = new Date()): number {
    return this.db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now.toISOString()).changes;
  }
}
