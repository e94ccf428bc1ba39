import type { RoleId } from '../../../shared/model';
import type { RoleHolderStore } from '../RoleHolderStore';
import type { SqliteConnection } from './SqliteConnection';

/** RoleHolderStore on SQLite (the table `response_role_holders`). */
export class SqliteRoleHolderStore implements RoleHolderStore {
  constructor(private readonly conn: SqliteConnection) {}

  list(responseId: string): Promise<Record<RoleId, string>> {
    return this.conn.run(() =>
      Object.fromEntries(
        this.conn.sql<[string], { role: string; organisation_id: string }>('SELECT role, organisation_id FROM response_role_holders WHERE response_id = ?')
          .all(responseId)
          .map((row) => [row.role, row.organisation_id]),
      ),
    );
  }

  claim(responseId: string, role: RoleId, organisationId: string): Promise<void> {
    return this.conn.run(() => {
      this.conn.sql('INSERT INTO response_role_holders (response_id, role, organisation_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(responseId, role, organisationId);
    });
  }
}
