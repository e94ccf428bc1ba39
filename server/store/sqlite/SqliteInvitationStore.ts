import type { Capacity, RoleId } from '../../../shared/model';
import type { InvitationStore } from '../InvitationStore';
import type { Invitation } from '../records';
import type { SqliteConnection } from './SqliteConnection';

interface InvitationRow {
  response_id: string;
  email: string;
  role: RoleId;
  capacity: Capacity;
  administrator: number;
  created_by: string;
  expires_at: string;
}

/** InvitationStore on SQLite (the table `invitations`). */
export class SqliteInvitationStore implements InvitationStore {
  constructor(private readonly conn: SqliteConnection) {}

  create(tokenHash: string, invitation: Invitation): Promise<void> {
    return this.conn.run(() => {
      this.conn.sql(
          `INSERT INTO invitations (token_hash, response_id, email, role, capacity, administrator, created_by, expires_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(tokenHash, invitation.responseId, invitation.email, invitation.role, invitation.capacity, invitation.administrator ? 1 : 0, invitation.createdBy, invitation.expiresAt);
    });
  }

  findOpen(tokenHash: string, now: Date = new Date()): Promise<Invitation | null> {
    return this.conn.run(() => {
      const row = this.conn.sql<[string, string], InvitationRow>(
          'SELECT * FROM invitations WHERE token_hash = ? AND accepted_at IS NULL AND expires_at > ?',
        )
        .get(tokenHash, now.toISOString());
      if (!row) return null;
      return {
        responseId: row.response_id,
        email: row.email,
        role: row.role,
        capacity: row.capacity,
        administrator: row.administrator === 1,
        createdBy: row.created_by,
        expiresAt: row.expires_at,
      };
    });
  }

  markAccepted(tokenHash: string): Promise<boolean> {
    return this.conn.run(
      () => this.conn.sql('UPDATE invitations SET accepted_at = ? WHERE token_hash = ? AND accepted_at IS NULL').run(new Date().toISOString(), tokenHash).changes === 1,
    );
  }
}
