// Rows of sessions as both databases return them, and their records.
import type { SessionRecord } from '../records';

/** The columns of sessions a record is made of (the token hash is the key). */
export interface SessionRow {
  user_id: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  method: string;
}

/** The session record. */
export function toSession(row: SessionRow): SessionRecord {
  return { userId: row.user_id, createdAt: row.created_at, expiresAt: row.expires_at, lastSeenAt: row.last_seen_at, method: row.method };
}
