// Rows of audit_events as both databases return them, and the two records made from one.
import type { AuditEvent } from '../../../shared/api';
import type { ChainedAuditEntry } from '../AuditLog';

export interface AuditRow {
  id: number;
  response_id: string;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  section_id: string | null;
  detail: string;
  seq: number | null;
  prev_hash: string | null;
  hash: string | null;
}

export function toEvent(row: AuditRow): AuditEvent {
  return {
    id: row.id,
    at: row.at,
    actor: row.actor_id ? { userId: row.actor_id, name: row.actor_name ?? '' } : null,
    action: row.action,
    sectionId: row.section_id,
    detail: row.detail,
  };
}

export function toChained(row: AuditRow): ChainedAuditEntry {
  return {
    id: row.id,
    responseId: row.response_id,
    seq: row.seq,
    prevHash: row.prev_hash,
    hash: row.hash,
    at: row.at,
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action,
    sectionId: row.section_id,
    detail: row.detail,
  };
}
