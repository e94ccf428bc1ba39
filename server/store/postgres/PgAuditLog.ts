import type { AuditEvent } from '../../../shared/api';
import { MAX_AUDIT_PAGE } from '../../../shared/limits';
import type { AuditLog } from '../AuditLog';
import type { NewAuditEvent } from '../records';
import type { Sql } from './PgConnection';

interface AuditRow {
  id: number;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  section_id: string | null;
  detail: string;
}

function toEvent(row: AuditRow): AuditEvent {
  return {
    id: row.id,
    at: row.at,
    actor: row.actor_id ? { userId: row.actor_id, name: row.actor_name ?? '' } : null,
    action: row.action,
    sectionId: row.section_id,
    detail: row.detail,
  };
}

/** AuditLog on PostgreSQL (the table `audit_events`, which plpgsql triggers keep append-only). */
export class PgAuditLog implements AuditLog {
  constructor(private readonly sql: Sql) {}

  async append(event: NewAuditEvent): Promise<AuditEvent> {
    const at = new Date().toISOString();
    const { rows } = await this.sql.query<{ id: number }>(
      `INSERT INTO audit_events (response_id, at, actor_id, actor_name, action, section_id, detail)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [event.responseId, at, event.actor?.userId ?? null, event.actor?.name ?? null, event.action, event.sectionId ?? null, event.detail ?? ''],
    );
    return { id: rows[0]!.id, at, actor: event.actor, action: event.action, sectionId: event.sectionId ?? null, detail: event.detail ?? '' };
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
}
