import type { SignOff } from '../../shared/model';
import type { SqliteDatabase } from './openDatabase';
import { statementCache } from './statementCache';

interface SignOffRow {
  user_id: string;
  name: string;
  at: string;
  content_hash: string;
  content_json: string;
}

/** The record of sign-offs and reopenings. A section's current sign-off is its latest unreopened one. */
export class SignOffStore {
  /** Each statement compiled once. */
  private readonly sql: SqliteDatabase['prepare'];

  constructor(private readonly db: SqliteDatabase) {
    this.sql = statementCache(db);
  }

  record(sectionId: string, signOff: SignOff, contentJson: string): void {
    this.sql(
        `INSERT INTO signoffs (section_id, user_id, name, at, content_hash, content_json)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(sectionId, signOff.userId, signOff.name, signOff.at, signOff.contentHash, contentJson);
  }

  current(sectionId: string): SignOff | null {
    const row = this.currentRow(sectionId);
    return row ? { userId: row.user_id, name: row.name, at: row.at, contentHash: row.content_hash } : null;
  }

  /** The canonical content (JSON) that was signed, for the current sign-off. */
  currentContent(sectionId: string): string | null {
    return this.currentRow(sectionId)?.content_json ?? null;
  }

  markReopened(sectionId: string, by: string, reason: string, at: string): void {
    this.sql(
        `UPDATE signoffs SET reopened_at = ?, reopened_by = ?, reopen_reason = ?
         WHERE section_id = ? AND reopened_at IS NULL`,
      )
      .run(at, by, reason, sectionId);
  }

  private currentRow(sectionId: string): SignOffRow | undefined {
    return this.sql<[string], SignOffRow>(
        `SELECT user_id, name, at, content_hash, content_json FROM signoffs
         WHERE section_id = ? AND reopened_at IS NULL ORDER BY id DESC LIMIT 1`,
      )
      .get(sectionId);
  }
}
