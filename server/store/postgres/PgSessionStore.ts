import type { SessionRecord } from '../records';
import type { SessionStore } from '../SessionStore';
import { type SessionRow, toSession } from '../rows/sessionRows';
import type { Sql } from './PgConnection';

/** SessionStore on PostgreSQL (the table `sessions`), shared by every instance. */
export class PgSessionStore implements SessionStore {
  constructor(private readonly sql: Sql) {}

  async create(tokenHash: string, userId: string, expiresAt: Date, method = 'password'): Promise<void> {
    const now = new Date().toISOString();
    await this.sql.query('INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at, method) VALUES ($1, $2, $3, $4, $5, $6)', [
      tokenHash,
      userId,
      now,
      expiresAt.toISOString(),
      now,
      method,
    ]);
  }

  async find(tokenHash: string, now: Date = new Date()): Promise<SessionRecord | null> {
    const row = (
      await this.sql.query<SessionRow>('SELECT user_id, created_at, expires_at, last_seen_at, method FROM sessions WHERE token_hash = $1 AND expires_at > $2', [
        tokenHash,
        now.toISOString(),
      ])
    ).rows[0];
    return row ? toSession(row) : null;
  }

  async touch(tokenHash: string, now: Date = new Date()): Promise<void> {
    await this.sql.query('UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2', [now.toISOString(), tokenHash]);
  }

  async delete(tokenHash: string): Promise<void> {
    await this.sql.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
  }

  async deleteForUser(userId: string, except?: string): Promise<string[]> {
    const { rows } = await this.sql.query<{ token_hash: string }>(
      'DELETE FROM sessions WHERE user_id = $1 AND token_hash IS DISTINCT FROM $2 RETURNING token_hash',
      [userId, except ?? null],
    );
    return rows.map((row) => row.token_hash);
  }

  async deleteExpired(now: Date, idleSince: Date): Promise<number> {
    const result = await this.sql.query('DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at < $2', [now.toISOString(), idleSince.toISOString()]);
    return result.rowCount ?? 0;
  }
}
