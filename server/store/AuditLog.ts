import type { AuditEvent } from '../../shared/api';
import type { NewAuditEvent } from './records';

/** The append-only activity record of a response (the table refuses updates and deletes). */
export interface AuditLog {
  append(event: NewAuditEvent): Promise<AuditEvent>;
  /** Up to `limit` entries older than `before` (the newest when absent), oldest first. */
  list(responseId: string, page?: { before?: number; limit?: number }): Promise<AuditEvent[]>;
}
