import type { OutboxStore } from '../OutboxStore';
import type { NewMail, OutboxMail } from '../records';
import { type OutboxRow, toMail } from '../rows/outboxRows';
import type { SqliteConnection } from './SqliteConnection';

/** OutboxStore on SQLite (the table `outbox`). */
export class SqliteOutboxStore implements OutboxStore {
  constructor(private readonly conn: SqliteConnection) {}

  enqueue(mail: NewMail): Promise<OutboxMail | null> {
    return this.conn.run(() => {
      const now = new Date().toISOString();
      const result = this.conn.sql(
          `INSERT INTO outbox (key, kind, to_address, to_name, subject, text_body, html_body, headers_json, created_at, state, next_attempt_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING`,
        )
        .run(mail.key, mail.kind, mail.to.address, mail.to.name, mail.subject, mail.text, mail.html, JSON.stringify(mail.headers), now, mail.held ? 'held' : 'pending', mail.held ? null : now);
      if (result.changes === 0) return null;
      return toMail(this.conn.sql<[number | bigint], OutboxRow>('SELECT * FROM outbox WHERE id = ?').get(result.lastInsertRowid)!);
    });
  }

  claim(now: Date, limit: number, leaseMs: number): Promise<OutboxMail[]> {
    return this.conn.run(() =>
      this.conn
        .sql<[string, string, number], OutboxRow>(
          `UPDATE outbox SET next_attempt_at = ?
           WHERE id IN (SELECT id FROM outbox WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY id LIMIT ?)
           RETURNING *`,
        )
        .all(new Date(now.getTime() + leaseMs).toISOString(), now.toISOString(), limit)
        .map(toMail)
        .sort((a, b) => a.id - b.id),
    );
  }

  due(now: Date, limit: number): Promise<OutboxMail[]> {
    return this.conn.run(() =>
      this.conn.sql<[string, number], OutboxRow>(`SELECT * FROM outbox WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY id LIMIT ?`)
        .all(now.toISOString(), limit)
        .map(toMail),
    );
  }

  markSent(id: number, at: Date): Promise<void> {
    return this.conn.run(() => {
      this.conn.sql(`UPDATE outbox SET state = 'sent', sent_at = ?, attempts = attempts + 1, next_attempt_at = NULL, last_error = NULL WHERE id = ?`).run(at.toISOString(), id);
    });
  }

  markFailed(id: number, error: string, retryAt: Date | null): Promise<void> {
    return this.conn.run(() => {
      this.conn.sql(`UPDATE outbox SET state = ?, attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?`)
        .run(retryAt ? 'pending' : 'failed', retryAt?.toISOString() ?? null, error.slice(0, 1000), id);
    });
  }

  list(page: { before?: number; limit?: number } = {}): Promise<OutboxMail[]> {
    return this.conn.run(() =>
      this.conn.sql<[number, number], OutboxRow>('SELECT * FROM outbox WHERE id < ? ORDER BY id DESC LIMIT ?')
        .all(page.before ?? Number.MAX_SAFE_INTEGER, page.limit ?? 100)
        .map(toMail),
    );
  }

  getByKey(key: string): Promise<OutboxMail | null> {
    return this.conn.run(() => {
      const row = this.conn.sql<[string], OutboxRow>('SELECT * FROM outbox WHERE key = ?').get(key);
      return row ? toMail(row) : null;
    });
  }
}
