import type { AuditEvent } from '../../../shared/api';
import { MAX_AUDIT_PAGE } from '../../../shared/limits';
import type { AuditLog, ChainHead, ChainedAuditEntry } from '../AuditLog';
import { auditEntryHash, GENESIS_HASH } from '../recordHashes';
import type { NewAuditEvent } from '../records';
import { type AuditRow, toEvent, toChained } from '../rows/auditRows';
import type { SqliteConnection } from './SqliteConnection';

const HEAD = 'SELECT seq, hash FROM audit_events WHERE response_id = ? AND seq IS NOT NULL ORDER BY seq DESC LIMIT 1';

/** AuditLog on SQLite (the table `audit_events`, which triggers keep append-only). */
export class SqliteAuditLog implements AuditLog {
  constructor(private readonly conn: SqliteConnection) {}

  append(event: NewAuditEvent): Promise<AuditEvent> {
    return this.conn.run(() => {
      const at = new Date().toISOString();
      const actorId = event.actor?.userId ?? null;
      const actorName = event.actor?.name ?? null;
      const sectionId = event.sectionId ?? null;
      const detail = event.detail ?? '';
      // Reading the head and taking the next place are one step (a savepoint inside an open
      // transaction); the unique index on (response_id, seq) refuses a second writer the same place.
      const id = this.conn.db.transaction(() => {
        const head = this.conn.sql<[string], { seq: number; hash: string }>(HEAD).get(event.responseId);
        const seq = (head?.seq ?? 0) + 1;
        const prevHash = head?.hash ?? GENESIS_HASH;
        const hash = auditEntryHash({ responseId: event.responseId, seq, prevHash, at, actorId, actorName, action: event.action, sectionId, detail });
        const result = this.conn.sql(
            `INSERT INTO audit_events (response_id, at, actor_id, actor_name, action, section_id, detail, seq, prev_hash, hash)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(event.responseId, at, actorId, actorName, event.action, sectionId, detail, seq, prevHash, hash);
        return Number(result.lastInsertRowid);
      })();
      return { id, at, actor: event.actor, action: event.action, sectionId, detail };
    });
  }

  list(responseId: string, page: { before?: number; limit?: number } = {}): Promise<AuditEvent[]> {
    return this.conn.run(() => {
      const limit = Math.max(1, Math.min(page.limit ?? MAX_AUDIT_PAGE, MAX_AUDIT_PAGE));
      const before = page.before ?? Number.MAX_SAFE_INTEGER;
      return this.conn.sql<[string, number, number], AuditRow>(
          'SELECT * FROM audit_events WHERE response_id = ? AND id < ? ORDER BY id DESC LIMIT ?',
        )
        .all(responseId, before, limit)
        .reverse()
        .map(toEvent);
    });
  }

  head(responseId: string): Promise<ChainHead | null> {
    return this.conn.run(() => this.conn.sql<[string], ChainHead>(HEAD).get(responseId) ?? null);
  }

  scan(page: { afterId?: number; limit: number }): Promise<ChainedAuditEntry[]> {
    return this.conn.run(() =>
      this.conn.sql<[number, number], AuditRow>('SELECT * FROM audit_events WHERE id > ? ORDER BY id LIMIT ?')
        .all(page.afterId ?? 0, Math.max(1, page.limit))
        .map(toChained),
    );
  }

  /**
   * Chains the entries written before the record was a hash chain, oldest first, once: only
   * while no entry has a hash yet (right after the migration that added the chain). An
   * unchained entry found after that was not written by Countersign, and stays for
   * verification to report rather than being vouched for here. Returns how many were chained.
   */
  chainUnchained(): number {
    const { db } = this.conn;
    // Found at once on every start after the first (the oldest entry is chained), so no scan.
    if (db.prepare('SELECT 1 FROM audit_events WHERE hash IS NOT NULL LIMIT 1').get()) return 0;
    const rows = db.prepare<[], AuditRow>('SELECT * FROM audit_events WHERE hash IS NULL ORDER BY id').all();
    if (rows.length === 0) return 0;
    const setPlace = db.prepare<[number, string, string, number]>('UPDATE audit_events SET seq = ?, prev_hash = ?, hash = ? WHERE id = ?');
    db.transaction(() => {
      const heads = new Map<string, { seq: number; hash: string }>();
      for (const row of rows) {
        const head = heads.get(row.response_id);
        const seq = (head?.seq ?? 0) + 1;
        const prevHash = head?.hash ?? GENESIS_HASH;
        const hash = auditEntryHash({
          responseId: row.response_id,
          seq,
          prevHash,
          at: row.at,
          actorId: row.actor_id,
          actorName: row.actor_name,
          action: row.action,
          sectionId: row.section_id,
          detail: row.detail,
        });
        setPlace.run(seq, prevHash, hash, row.id);
        heads.set(row.response_id, { seq, hash });
      }
    })();
    return rows.length;
  }
}
