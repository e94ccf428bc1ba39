import { newId } from '../ids';
import type { InvitationStore } from '../InvitationStore';
import type { Invitation, InvitationOutcome, NewInvitation } from '../records';
import { type InvitationRow, toInvitation } from '../rows/invitationRows';
import type { Sql } from './PgConnection';

const OPEN = 'accepted_at IS NULL AND expires_at > $2';

/** InvitationStore on PostgreSQL (the table `invitations`; addresses compared by `lower(email)`). */
export class PgInvitationStore implements InvitationStore {
  constructor(private readonly sql: Sql) {}

  async create(tokenHash: string, invitation: NewInvitation): Promise<Invitation> {
    const id = newId();
    const now = new Date().toISOString();
    await this.sql.atomically(async (sql) => {
      await sql.query(
        `UPDATE invitations SET accepted_at = $1, outcome = 'replaced' WHERE response_id = $2 AND lower(email) = lower($3) AND accepted_at IS NULL`,
        [now, invitation.responseId, invitation.email],
      );
      await sql.query(
        `INSERT INTO invitations (token_hash, id, response_id, email, role, capacity, administrator, created_by, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [tokenHash, id, invitation.responseId, invitation.email, invitation.role, invitation.capacity, invitation.administrator, invitation.createdBy, now, invitation.expiresAt],
      );
    });
    return { ...invitation, id, createdAt: now, codeHash: null, codeExpiresAt: null, codeAttempts: 0, codesSent: 0 };
  }

  async findOpen(tokenHash: string, now: Date = new Date()): Promise<Invitation | null> {
    const row = (await this.sql.query<InvitationRow<boolean>>(`SELECT * FROM invitations WHERE token_hash = $1 AND ${OPEN}`, [tokenHash, now.toISOString()])).rows[0];
    return row ? toInvitation(row, row.administrator) : null;
  }

  async getOpen(id: string, now: Date = new Date()): Promise<Invitation | null> {
    const row = (await this.sql.query<InvitationRow<boolean>>(`SELECT * FROM invitations WHERE id = $1 AND ${OPEN}`, [id, now.toISOString()])).rows[0];
    return row ? toInvitation(row, row.administrator) : null;
  }

  async listOpenForEmail(email: string, now: Date = new Date()): Promise<Invitation[]> {
    const { rows } = await this.sql.query<InvitationRow<boolean>>(`SELECT * FROM invitations WHERE lower(email) = lower($1) AND ${OPEN} ORDER BY created_at DESC`, [
      email,
      now.toISOString(),
    ]);
    return rows.map((row) => toInvitation(row, row.administrator));
  }

  async listOpenForResponse(responseId: string, now: Date = new Date()): Promise<Invitation[]> {
    const { rows } = await this.sql.query<InvitationRow<boolean>>(`SELECT * FROM invitations WHERE response_id = $1 AND ${OPEN} ORDER BY created_at DESC`, [
      responseId,
      now.toISOString(),
    ]);
    return rows.map((row) => toInvitation(row, row.administrator));
  }

  async close(id: string, outcome: InvitationOutcome, now: Date = new Date()): Promise<boolean> {
    const result = await this.sql.query('UPDATE invitations SET accepted_at = $1, outcome = $2 WHERE id = $3 AND accepted_at IS NULL', [now.toISOString(), outcome, id]);
    return result.rowCount === 1;
  }

  async setCode(id: string, codeHash: string, expiresAt: string): Promise<void> {
    await this.sql.query('UPDATE invitations SET code_hash = $1, code_expires_at = $2, code_attempts = 0, codes_sent = codes_sent + 1 WHERE id = $3', [
      codeHash,
      expiresAt,
      id,
    ]);
  }

  async recordCodeAttempt(id: string): Promise<number> {
    const { rows } = await this.sql.query<{ code_attempts: number }>('UPDATE invitations SET code_attempts = code_attempts + 1 WHERE id = $1 RETURNING code_attempts', [id]);
    return rows[0]?.code_attempts ?? 0;
  }
}
