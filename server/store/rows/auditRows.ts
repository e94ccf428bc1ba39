// Rows of audit_events as both databases return them, and the two records made from one.
import type { AuditEvent } from '../../../shared/api';
import type { ChainedAuditEntry } from '../AuditLog';

/** A row of audit_events; seq and the hashes are null only on entries written before the chain. */
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

/** The entry as the audit page shows it. */
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

/** The entry with its place in the chain, as scan() hands it out. */
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
