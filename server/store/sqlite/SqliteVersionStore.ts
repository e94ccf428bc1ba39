import type { VersionKind } from '../../../shared/model';
import { newId } from '../ids';
import type { VersionRecord, VersionStore } from '../VersionStore';
import { type VersionRow, toVersion, versionValues } from '../rows/versionRows';
import type { SqliteConnection } from './SqliteConnection';

// Newest first; versions made in the same millisecond keep the order they were made in.
const NEWEST_FIRST = 'ORDER BY created_at DESC, rowid DESC';

/** VersionStore on SQLite (the table `section_versions`). */
export class SqliteVersionStore implements VersionStore {
  constructor(private readonly conn: SqliteConnection) {}

  create(version: Omit<VersionRecord, 'id'>): Promise<VersionRecord> {
    return this.conn.run(() => {
      const id = newId();
      this.conn.sql(
          `INSERT INTO section_versions (id, section_id, kind, name, created_at, created_by, created_by_name, created_by_role, snapshot, content_json, text, hash, content)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(...versionValues(id, version));
      return { ...version, id };
    });
  }

  list(sectionId: string): Promise<VersionRecord[]> {
    return this.conn.run(() => this.conn.sql<[string], VersionRow>(`SELECT * FROM section_versions WHERE section_id = ? ${NEWEST_FIRST}`).all(sectionId).map(toVersion));
  }

  get(sectionId: string, versionId: string): Promise<VersionRecord | null> {
    return this.conn.run(() => {
      const row = this.conn.sql<[string, string], VersionRow>('SELECT * FROM section_versions WHERE id = ? AND section_id = ?').get(versionId, sectionId);
      return row ? toVersion(row) : null;
    });
  }

  latest(sectionId: string, kind?: VersionKind): Promise<VersionRecord | null> {
    return this.conn.run(() => {
      const row = kind
        ? this.conn.sql<[string, string], VersionRow>(`SELECT * FROM section_versions WHERE section_id = ? AND kind = ? ${NEWEST_FIRST} LIMIT 1`).get(sectionId, kind)
        : this.conn.sql<[string], VersionRow>(`SELECT * FROM section_versions WHERE section_id = ? ${NEWEST_FIRST} LIMIT 1`).get(sectionId);
      return row ? toVersion(row) : null;
    });
  }

  deleteSection(sectionId: string): Promise<void> {
    return this.conn.run(() => {
      this.conn.sql('DELETE FROM section_versions WHERE section_id = ?').run(sectionId);
    });
  }
}
