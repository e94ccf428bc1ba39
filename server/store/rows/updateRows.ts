// Rows of section_updates and section_authorship as both databases return them, and what they record of authorship.
import { type AuthorshipKind, type AuthorshipRange, rangesOfUpdate } from '../../history/authorship';

/** A row of section_updates; user and time are null once compaction has folded it. */
export interface UpdateRow {
  id: number;
  data: Buffer;
  user_id: string | null;
  at: string | null;
}

/** A row of section_authorship. */
export interface AuthorshipRow {
  kind: AuthorshipKind;
  client: number;
  clock: number;
  length: number;
  user_id: string;
  at: string;
}

/** A Buffer over the same bytes, not a copy: what both drivers bind as a blob. */
export function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** An authorship range as compaction stored it. */
export function toAuthorshipRange(row: AuthorshipRow): AuthorshipRange {
  return { kind: row.kind, client: row.client, clock: row.clock, length: row.length, userId: row.user_id, at: row.at };
}

/** What stored rows record of authorship, in storage order. */
export function rangesOfRows(rows: Array<Pick<UpdateRow, 'data' | 'user_id' | 'at'>>): AuthorshipRange[] {
  return rows.flatMap((row) => (row.user_id && row.at ? rangesOfUpdate(new Uint8Array(row.data), row.user_id, row.at) : []));
}
