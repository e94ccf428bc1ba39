import type { Capacity, RoleId } from '../../../shared/model';
import type { InvitationStore } from '../InvitationStore';
import type { Invitation } from '../records';
import type { Sql } from './PgConnection';

interface InvitationRow {
  response_id: string;
  email: string;
  role: RoleId;
  capacity: Capacity;
  administrator: boolean;
  created_by: string;
  expires_at: string;
}

/** InvitationStore on PostgreSQL (the table `invitations`). */
export class PgInvitationStore implements InvitationStore {
  constructor(private readonly sql: Sql) {}

  async create(tokenHash: string, invitation: Invitation): Promise<void> {
    await this.sql.query(
      `INSERT INTO invitations (token_hash, response_id, email, role, capacity, administrator, created_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [tokenHash, invitation.responseId, invitation.email, invitation.role, invitation.capacity, invitation.administrator, invitation.createdBy, invitation.expiresAt],
    );
  }

  async findOpen(tokenHash: string, now: Date = new Date()): Promise<Invitation | null> {
    const row = (
      await this.sql.query<InvitationRow>('SELECT * FROM invitations WHERE token_hash = $1 AND accepted_at IS NULL AND expires_at > $2', [
        tokenHash,
        now.toISOString(),
      ])
    ).rows[0];
    if (!row) return null;
    return {
      responseId: row.response_id,
      email: row.email,
      role: row.role,
      capacity: row.capacity,
      administrator: row.administrator,
      createdBy: row.created_by,
      expiresAt: row.expires_at,
    };
  }

  async markAccepted(tokenHash: string): Promise<boolean> {
    const result = await this.sql.query('UPDATE invitations SET accepted_at = $1 WHERE token_hash = $2 AND accepted_at IS NULL', [
      new Date().toISOString(),
      tokenHash,
    ]);
    return result.rowCount === 1;
  }
}
