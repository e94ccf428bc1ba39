import type { AuditEvent } from '../../shared/api';
import type { SqliteDatabase } from './openDatabase';
import { statementCache } from './statementCache';

interface AuditRow {
  id: number;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  section_id: string | null;
  detail: string;
}

export interface NewAuditEvent {
  responseId: string;
  actor: { userId: string; name: string } | null;
  action: string;
  sectionId?: string | null;
  detail?: string;
}

/** The append-only activity record of a response (the table refuses updates and deletes). */
export class AuditLog {
  /** Each statement compiled once. */
  private readonly sql: SqliteDatabase['prepare'];

  constructor(private readonly db: SqliteDatabase) {
    this.sql = statementCache(db);
  }

  append(event: NewAuditEvent): AuditEvent {
    const at = new Date().toISOString();
    const result = this.sql(
        `INSERT INTO audit_events (response_id, at, actor_id, actor_name, action, section_id, detail)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        event.responseId,
        at,
        event.actor?.userId ?? null,
        event.actor?.name ?? null,
        event.action,
        event.sectionId ?? null,
        event.detail ?? '',
      );
    return {
      id: Number(result.lastInsertRowid),
      at,
      actor: event.actor,
      action: event.action,
      sectionId: event.sectionId ?? null,
      detail: event.detail ?? '',
    };
  }

  list(responseId: string): AuditEvent[] {
    return this.sql<[string], AuditRow>('SELECT * FROM audit_events WHERE response_id = ? ORDER BY id')
      .all(responseId)
      .map((row) => ({
        id: row.id,
        at: row.at,
        actor: row.actor_id ? { userId: row.actor_id, name: row.actor_name ?? '' } : null,
        action: row.action,
        sectionId: row.section_id,
        detail: row.detail,
      }));
  }
}
