import type { Capacity, RoleId } from '../../shared/model';
import type { SqliteDatabase } from './openDatabase';
import { statementCache } from './statementCache';

export interface Invitation {
  responseId: string;
  email: string;
  role: RoleId;
  capacity: Capacity;
  administrator: boolean;
  createdBy: string;
  expiresAt: string;
}

interface InvitationRow {
  response_id: string;
  email: string;
  role: RoleId;
  capacity: Capacity;
  administrator: number;
  created_by: string;
  expires_at: string;
}

/** Invitations for people who have no account yet, keyed by a hash of the link's token. */
export class InvitationStore {
  /** Each statement compiled once. */
  private readonly sql: SqliteDatabase['prepare'];

  constructor(private readonly db: SqliteDatabase) {
    this.sql = statementCache(db);
  }

  create(tokenHash: string, invitation: Invitation): void {
    this.sql(
        `INSERT INTO invitations (token_hash, response_id, email, role, capacity, administrator, created_by, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        tokenHash,
        invitation.responseId,
        invitation.email,
        invitation.role,
        invitation.capacity,
        invitation.administrator ? 1 : 0,
        invitation.createdBy,
        invitation.expiresAt,
      );
  }

  /** An invitation that is neither used nor expired. */
  findOpen(tokenHash: string, now: Date = new Date()): Invitation | null {
    const row = this.sql<[string, string], InvitationRow>(
        `SELECT * FROM invitations WHERE token_hash = ? AND accepted_at IS NULL AND expires_at > ?`,
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
  }

  /** Marks an invitation used; false when it was already used (two tabs racing). */
  markAccepted(tokenHash: string): boolean {
    return (
      this.sql('UPDATE invitations SET accepted_at = ? WHERE token_hash = ? AND accepted_at IS NULL')
        .run(new Date().toISOString(), tokenHash).changes === 1
    );
  }
}
