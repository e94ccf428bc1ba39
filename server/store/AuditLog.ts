import type { AuditEvent } from '../../shared/api';
import type { NewAuditEvent } from './records';

/** The newest entry of a response's hash chain: its place (from 1) and its hash. */
export interface ChainHead {
  seq: number;
  hash: string;
}

/** An entry as stored, with its place in its response's hash chain, as verification reads it. */
export interface ChainedAuditEntry {
  /** The store's own order of insertion (not part of the chain). */
  id: number;
  responseId: string;
  /** Null only for an entry that was never chained (which verification reports). */
  seq: number | null;
  prevHash: string | null;
  hash: string | null;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  sectionId: string | null;
  detail: string;
}

/**
 * The append-only activity record of a response (the table refuses updates and deletes). Each
 * append takes the next place in the response's hash chain (server/store/recordHashes.ts), in
 * the same atomic step as reading the previous entry's hash.
 */
export interface AuditLog {
  append(event: NewAuditEvent): Promise<AuditEvent>;
  /** Up to `limit` entries older than `before` (the newest when absent), oldest first. */
  list(responseId: string, page?: { before?: number; limit?: number }): Promise<AuditEvent[]>;
  /** The newest entry of a response's chain, or null when it has none. */
  head(responseId: string): Promise<ChainHead | null>;
  /** Every response's entries in insertion order, `limit` at a time after `afterId`: for verification. */
  scan(page: { afterId?: number; limit: number }): Promise<ChainedAuditEntry[]>;
}
