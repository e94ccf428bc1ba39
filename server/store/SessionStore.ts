import type { SqliteDatabase } from './openDatabase';
import { statementCache } from './statementCache';

/** Server-side sessions, keyed by a hash of the cookie's token (a stolen database holds no tokens). */
export class SessionStore {
  /** Each statement compiled once. */
  private readonly sql: SqliteDatabase['prepare'];

  constructor(private readonly db: SqliteDatabase) {
    this.sql = statementCache(db);
  }

  create(tokenHash: string, userId: string, expiresAt: Date): void {
    this.sql('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)')
      .run(tokenHash, userId, new Date().toISOString(), expiresAt.toISOString());
  }

  /** The user id of a live session, or null when unknown or expired. */
  userIdFor(tokenHash: string, now: Date = new Date()): string | null {
    const row = this.sql<[string, string], { user_id: string }>(
        'SELECT user_id FROM sessions WHERE token_hash = ? AND expires_at > ?',
      )
      .get(tokenHash, now.toISOString());
    return row?.user_id ?? null;
  }

  delete(tokenHash: string): void {
    this.sql('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
  }

  deleteExpired(now: Date = new Date()): number {
    return this.sql('DELETE FROM sessions WHERE expires_at <= ?').run(now.toISOString()).changes;
  }
}
