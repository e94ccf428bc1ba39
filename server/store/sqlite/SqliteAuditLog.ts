import type { AuditEvent } from '../../../shared/api';
import { MAX_AUDIT_PAGE } from '../../../shared/limits';
import type { AuditLog } from '../AuditLog';
import type { NewAuditEvent } from '../records';
import type { SqliteConnection } from './SqliteConnection';

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

/** AuditLog on SQLite (the table `audit_events`, which triggers keep append-only). */
export class SqliteAuditLog implements AuditLog {
  constructor(private readonly conn: SqliteConnection) {}

  append(event: NewAuditEvent): Promise<AuditEvent> {
    return this.conn.run(() => {
      const at = new Date().toISOString();
      const result = this.conn.sql(
          `INSERT INTO audit_events (response_id, at, actor_id, actor_name, action, section_id, detail)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(event.responseId, at, event.actor?.userId ?? null, event.actor?.name ?? null, event.action, event.sectionId ?? null, event.detail ?? '');
      return {
        id: Number(result.lastInsertRowid),
        at,
        actor: event.actor,
        action: event.action,
        sectionId: event.sectionId ?? null,
        detail: event.detail ?? '',
      };
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
}
