import type { AuditEvent } from '../../../shared/api';
import { MAX_AUDIT_PAGE } from '../../../shared/limits';
import type { AuditLog, ChainHead, ChainedAuditEntry } from '../AuditLog';
import { auditEntryHash, GENESIS_HASH } from '../recordHashes';
import type { NewAuditEvent } from '../records';
import { type AuditRow, toEvent, toChained } from '../rows/auditRows';
import type { Sql } from './PgConnection';

const HEAD = 'SELECT seq, hash FROM audit_events WHERE response_id = $1 AND seq IS NOT NULL ORDER BY seq DESC LIMIT 1';

/** AuditLog on PostgreSQL (the table `audit_events`, which plpgsql triggers keep append-only). */
export class PgAuditLog implements AuditLog {
  constructor(private readonly sql: Sql) {}

  /**
   * Takes the next place in the response's chain. When another writer (another instance, say)
   * takes it between our read of the head and our insert, the unique index on (response_id,
   * seq) refuses ours and the transaction is run again (PgConnection's inTransaction): on its
   * own here, or the caller's whole transaction when this is part of one.
   */
  append(event: NewAuditEvent): Promise<AuditEvent> {
    const at = new Date().toISOString();
    const actorId = event.actor?.userId ?? null;
    const actorName = event.actor?.name ?? null;
    const sectionId = event.sectionId ?? null;
    const detail = event.detail ?? '';
    return this.sql.atomically(async (sql) => {
      const head = (await sql.query<ChainHead>(HEAD, [event.responseId])).rows[0];
      const seq = (head?.seq ?? 0) + 1;
      const prevHash = head?.hash ?? GENESIS_HASH;
      const hash = auditEntryHash({ responseId: event.responseId, seq, prevHash, at, actorId, actorName, action: event.action, sectionId, detail });
      const { rows } = await sql.query<{ id: number }>(
        `INSERT INTO audit_events (response_id, at, actor_id, actor_name, action, section_id, detail, seq, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [event.responseId, at, actorId, actorName, event.action, sectionId, detail, seq, prevHash, hash],
      );
      return { id: rows[0]!.id, at, actor: event.actor, action: event.action, sectionId, detail };
    });
  }

  async list(responseId: string, page: { before?: number; limit?: number } = {}): Promise<AuditEvent[]> {
    const limit = Math.max(1, Math.min(page.limit ?? MAX_AUDIT_PAGE, MAX_AUDIT_PAGE));
    const before = page.before ?? Number.MAX_SAFE_INTEGER;
    const { rows } = await this.sql.query<AuditRow>('SELECT * FROM audit_events WHERE response_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3', [
      responseId,
      before,
      limit,
    ]);
    return rows.reverse().map(toEvent);
  }

  async head(responseId: string): Promise<ChainHead | null> {
    return (await this.sql.query<ChainHead>(HEAD, [responseId])).rows[0] ?? null;
  }

  async scan(page: { afterId?: number; limit: number }): Promise<ChainedAuditEntry[]> {
    const { rows } = await this.sql.query<AuditRow>('SELECT * FROM audit_events WHERE id > $1 ORDER BY id LIMIT $2', [page.afterId ?? 0, Math.max(1, page.limit)]);
    return rows.map(toChained);
  }
}
