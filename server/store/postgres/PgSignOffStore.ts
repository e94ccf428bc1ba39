import type { SignOff } from '../../../shared/model';
import type { SignOffStore } from '../SignOffStore';
import { type SignOffRow, SIGNOFF_COLUMNS, toSignOff } from '../rows/signOffRows';
import type { Sql } from './PgConnection';

/** SignOffStore on PostgreSQL (the table `signoffs`). */
export class PgSignOffStore implements SignOffStore {
  constructor(private readonly sql: Sql) {}

  async record(sectionId: string, signOff: SignOff, contentJson: string): Promise<void> {
    await this.sql.query(
      `INSERT INTO signoffs (section_id, user_id, name, at, content_hash, content_json, version_id, organisation, identity_check)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [sectionId, signOff.userId, signOff.name, signOff.at, signOff.contentHash, contentJson, signOff.versionId, signOff.organisation ?? null, signOff.identityCheck ?? null],
    );
  }

  async current(sectionId: string): Promise<SignOff | null> {
    const row = await this.currentRow(sectionId);
    return row ? toSignOff(row) : null;
  }

  async currentFor(sectionIds: string[]): Promise<Map<string, SignOff>> {
    const found = new Map<string, SignOff>();
    if (sectionIds.length === 0) return found;
    const { rows } = await this.sql.query<SignOffRow>(
      `SELECT DISTINCT ON (section_id) ${SIGNOFF_COLUMNS} FROM signoffs
       WHERE section_id = ANY($1::text[]) AND reopened_at IS NULL ORDER BY section_id, id DESC`,
      [sectionIds],
    );
    const bySection = new Map(rows.map((row) => [row.section_id, row]));
    // In the order asked for, as the SQLite store answers.
    for (const id of sectionIds) {
      const row = bySection.get(id);
      if (row) found.set(id, toSignOff(row));
    }
    return found;
  }

  async currentContent(sectionId: string): Promise<string | null> {
    return (await this.currentRow(sectionId))?.content_json ?? null;
  }

  async markReopened(sectionId: string, by: string, reason: string, at: string): Promise<void> {
    await this.sql.query('UPDATE signoffs SET reopened_at = $1, reopened_by = $2, reopen_reason = $3 WHERE section_id = $4 AND reopened_at IS NULL', [
      at,
      by,
      reason,
      sectionId,
    ]);
  }

  private async currentRow(sectionId: string): Promise<SignOffRow | undefined> {
    return (await this.sql.query<SignOffRow>(`SELECT ${SIGNOFF_COLUMNS} FROM signoffs WHERE section_id = $1 AND reopened_at IS NULL ORDER BY id DESC LIMIT 1`, [sectionId]))
      .rows[0];
  }
}
