import type { VersionKind } from '../../../shared/model';
import { newId } from '../ids';
import type { VersionRecord, VersionStore } from '../VersionStore';
import { type VersionRow, toVersion, versionValues } from '../rows/versionRows';
import type { Sql } from './PgConnection';

const COLUMNS = 'id, section_id, kind, name, created_at, created_by, created_by_name, created_by_role, snapshot, content_json, text, hash, content';
// Newest first; versions made in the same millisecond keep the order they were made in.
const NEWEST_FIRST = 'ORDER BY created_at DESC, seq DESC';

/** VersionStore on PostgreSQL (the table `section_versions`). */
export class PgVersionStore implements VersionStore {
  constructor(private readonly sql: Sql) {}

  async create(version: Omit<VersionRecord, 'id'>): Promise<VersionRecord> {
    const id = newId();
    await this.sql.query(
      `INSERT INTO section_versions (id, section_id, kind, name, created_at, created_by, created_by_name, created_by_role, snapshot, content_json, text, hash, content)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      versionValues(id, version),
    );
    return { ...version, id };
  }

  async list(sectionId: string): Promise<VersionRecord[]> {
    const { rows } = await this.sql.query<VersionRow>(`SELECT ${COLUMNS} FROM section_versions WHERE section_id = $1 ${NEWEST_FIRST}`, [sectionId]);
    return rows.map(toVersion);
  }

  async get(sectionId: string, versionId: string): Promise<VersionRecord | null> {
    const row = (await this.sql.query<VersionRow>(`SELECT ${COLUMNS} FROM section_versions WHERE id = $1 AND section_id = $2`, [versionId, sectionId])).rows[0];
    return row ? toVersion(row) : null;
  }

  async latest(sectionId: string, kind?: VersionKind): Promise<VersionRecord | null> {
    const { rows } = kind
      ? await this.sql.query<VersionRow>(`SELECT ${COLUMNS} FROM section_versions WHERE section_id = $1 AND kind = $2 ${NEWEST_FIRST} LIMIT 1`, [sectionId, kind])
      : await this.sql.query<VersionRow>(`SELECT ${COLUMNS} FROM section_versions WHERE section_id = $1 ${NEWEST_FIRST} LIMIT 1`, [sectionId]);
    return rows[0] ? toVersion(rows[0]) : null;
  }

  async deleteSection(sectionId: string): Promise<void> {
    await this.sql.query('DELETE FROM section_versions WHERE section_id = $1', [sectionId]);
  }
}
