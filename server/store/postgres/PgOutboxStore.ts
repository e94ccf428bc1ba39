import type { OutboxStore } from '../OutboxStore';
import type { NewMail, OutboxMail } from '../records';
import { type OutboxRow, toMail } from '../rows/outboxRows';
import type { Sql } from './PgConnection';

/** OutboxStore on PostgreSQL (the table `outbox`). */
export class PgOutboxStore implements OutboxStore {
  constructor(private readonly sql: Sql) {}

  async enqueue(mail: NewMail): Promise<OutboxMail | null> {
    const now = new Date().toISOString();
    const { rows } = await this.sql.query<OutboxRow>(
      `INSERT INTO outbox (key, kind, to_address, to_name, subject, text_body, html_body, headers_json, created_at, state, next_attempt_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (key) DO NOTHING RETURNING *`,
      [mail.key, mail.kind, mail.to.address, mail.to.name, mail.subject, mail.text, mail.html, JSON.stringify(mail.headers), now, mail.held ? 'held' : 'pending', mail.held ? null : now],
    );
    return rows[0] ? toMail(rows[0]) : null;
  }

  async claim(now: Date, limit: number, leaseMs: number): Promise<OutboxMail[]> {
    // SKIP LOCKED: a sender on another instance claiming at the same moment takes other rows.
    const { rows } = await this.sql.query<OutboxRow>(
      `UPDATE outbox SET next_attempt_at = $1
       WHERE id IN (SELECT id FROM outbox WHERE state = 'pending' AND next_attempt_at <= $2 ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED)
       RETURNING *`,
      [new Date(now.getTime() + leaseMs).toISOString(), now.toISOString(), limit],
    );
    return rows.map(toMail).sort((a, b) => a.id - b.id);
  }

  async due(now: Date, limit: number): Promise<OutboxMail[]> {
    const { rows } = await this.sql.query<OutboxRow>(`SELECT * FROM outbox WHERE state = 'pending' AND next_attempt_at <= $1 ORDER BY id LIMIT $2`, [now.toISOString(), limit]);
    return rows.map(toMail);
  }

  async markSent(id: number, at: Date): Promise<void> {
    await this.sql.query(`UPDATE outbox SET state = 'sent', sent_at = $1, attempts = attempts + 1, next_attempt_at = NULL, last_error = NULL WHERE id = $2`, [at.toISOString(), id]);
  }

  async markFailed(id: number, error: string, retryAt: Date | null): Promise<void> {
    await this.sql.query('UPDATE outbox SET state = $1, attempts = attempts + 1, next_attempt_at = $2, last_error = $3 WHERE id = $4', [
      retryAt ? 'pending' : 'failed',
      retryAt?.toISOString() ?? null,
      error.slice(0, 1000),
      id,
    ]);
  }

  async list(page: { before?: number; limit?: number } = {}): Promise<OutboxMail[]> {
    const { rows } = await this.sql.query<OutboxRow>('SELECT * FROM outbox WHERE id < $1 ORDER BY id DESC LIMIT $2', [page.before ?? Number.MAX_SAFE_INTEGER, page.limit ?? 100]);
    return rows.map(toMail);
  }

  async getByKey(key: string): Promise<OutboxMail | null> {
    const row = (await this.sql.query<OutboxRow>('SELECT * FROM outbox WHERE key = $1', [key])).rows[0];
    return row ? toMail(row) : null;
  }
}
