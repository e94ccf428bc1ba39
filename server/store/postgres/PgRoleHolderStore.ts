import type { RoleId } from '../../../shared/model';
import type { RoleHolderStore } from '../RoleHolderStore';
import type { Sql } from './PgConnection';

/** RoleHolderStore on PostgreSQL (the table `response_role_holders`). */
export class PgRoleHolderStore implements RoleHolderStore {
  constructor(private readonly sql: Sql) {}

  async list(responseId: string): Promise<Record<RoleId, string>> {
    const { rows } = await this.sql.query<{ role: string; organisation_id: string }>('SELECT role, organisation_id FROM response_role_holders WHERE response_id = $1', [
      responseId,
    ]);
    return Object.fromEntries(rows.map((row) => [row.role, row.organisation_id]));
  }

  async claim(responseId: string, role: RoleId, organisationId: string): Promise<void> {
    await this.sql.query('INSERT INTO response_role_holders (response_id, role, organisation_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
      responseId,
      role,
      organisationId,
    ]);
  }
}
