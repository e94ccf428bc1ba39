import type { SignOff } from '../../../shared/model';
import type { SignOffStore } from '../SignOffStore';
import { type SignOffRow, SIGNOFF_COLUMNS, toSignOff } from '../rows/signOffRows';
import type { SqliteConnection } from './SqliteConnection';

const CURRENT = `SELECT ${SIGNOFF_COLUMNS} FROM signoffs
  WHERE section_id = ? AND reopened_at IS NULL ORDER BY id DESC LIMIT 1`;

/** SignOffStore on SQLite (the table `signoffs`). */
export class SqliteSignOffStore implements SignOffStore {
  constructor(private readonly conn: SqliteConnection) {}

  record(sectionId: string, signOff: SignOff, contentJson: string): Promise<void> {
    return this.conn.run(() => {
      this.conn.sql('INSERT INTO signoffs (section_id, user_id, name, at, content_hash, content_json, version_id, organisation, identity_check) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(sectionId, signOff.userId, signOff.name, signOff.at, signOff.contentHash, contentJson, signOff.versionId, signOff.organisation ?? null, signOff.identityCheck ?? null);
    });
  }

  current(sectionId: string): Promise<SignOff | null> {
    return this.conn.run(() => {
      const row = this.conn.sql<[string], SignOffRow>(CURRENT).get(sectionId);
      return row ? toSignOff(row) : null;
    });
  }

  currentFor(sectionIds: string[]): Promise<Map<string, SignOff>> {
    return this.conn.run(() => {
      const found = new Map<string, SignOff>();
      const statement = this.conn.sql<[string], SignOffRow>(CURRENT);
      for (const id of sectionIds) {
        const row = statement.get(id);
        if (row) found.set(id, toSignOff(row));
      }
      return found;
    });
  }

  currentContent(sectionId: string): Promise<string | null> {
    return this.conn.run(() => this.conn.sql<[string], SignOffRow>(CURRENT).get(sectionId)?.content_json ?? null);
  }

  markReopened(sectionId: string, by: string, reason: string, at: string): Promise<void> {
    return this.conn.run(() => {
      this.conn.sql('UPDATE signoffs SET reopened_at = ?, reopened_by = ?, reopen_reason = ? WHERE section_id = ? AND reopened_at IS NULL')
        .run(at, by, reason, sectionId);
    });
  }
}
