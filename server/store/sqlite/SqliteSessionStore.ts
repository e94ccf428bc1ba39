import type { SessionRecord } from '../records';
import type { SessionStore } from '../SessionStore';
import { type SessionRow, toSession } from '../rows/sessionRows';
import type { SqliteConnection } from './SqliteConnection';

/** SessionStore on SQLite (the table `sessions`). */
export class SqliteSessionStore implements SessionStore {
  constructor(private readonly conn: SqliteConnection) {}

  create(tokenHash: string, userId: string, expiresAt: Date, method = 'password'): Promise<void> {
    return this.conn.run(() => {
      const now = new Date().toISOString();
      this.conn.sql('INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at, method) VALUES (?, ?, ?, ?, ?, ?)')
        .run(tokenHash, userId, now, expiresAt.toISOString(), now, method);
    });
  }

  find(tokenHash: string, now: Date = new Date()): Promise<SessionRecord | null> {
    return this.conn.run(() => {
      const row = this.conn.sql<[string, string], SessionRow>(
          'SELECT user_id, created_at, expires_at, last_seen_at, method FROM sessions WHERE token_hash = ? AND expires_at > ?',
        )
        .get(tokenHash, now.toISOString());
      return row ? toSession(row) : null;
    });
  }

  touch(tokenHash: string, now: Date = new Date()): Promise<void> {
    return this.conn.run(() => {
      this.conn.sql('UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?').run(now.toISOString(), tokenHash);
    });
  }

  delete(tokenHash: string): Promise<void> {
    return this.conn.run(() => {
      this.conn.sql('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
    });
  }

  deleteForUser(userId: string, except?: string): Promise<string[]> {
    return this.conn.run(() => {
      const rows = this.conn.sql<[string], { token_hash: string }>('SELECT token_hash FROM sessions WHERE user_id = ?').all(userId);
      const ended = rows.map((row) => row.token_hash).filter((hash) => hash !== except);
      const remove = this.conn.sql('DELETE FROM sessions WHERE token_hash = ?');
      for (const hash of ended) remove.run(hash);
      return ended;
    });
  }

  deleteExpired(now: Date, idleSince: Date): Promise<number> {
    return this.conn.run(
      () => this.conn.sql('DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at < ?').run(now.toISOString(), idleSince.toISOString()).changes,
    );
  }
}
