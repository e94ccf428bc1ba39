import { newId } from '../ids';
import type { InvitationStore } from '../InvitationStore';
import type { Invitation, InvitationOutcome, NewInvitation } from '../records';
import { type InvitationRow, toInvitation } from '../rows/invitationRows';
import type { SqliteConnection } from './SqliteConnection';

const OPEN = 'accepted_at IS NULL AND expires_at > ?';

/** InvitationStore on SQLite (the table `invitations`). */
export class SqliteInvitationStore implements InvitationStore {
  constructor(private readonly conn: SqliteConnection) {}

  create(tokenHash: string, invitation: NewInvitation): Promise<Invitation> {
    return this.conn.run(() => {
      const id = newId();
      const now = new Date().toISOString();
      this.conn.db.transaction(() => {
        this.conn.sql(`UPDATE invitations SET accepted_at = ?, outcome = 'replaced' WHERE response_id = ? AND email = ? COLLATE NOCASE AND accepted_at IS NULL`)
          .run(now, invitation.responseId, invitation.email);
        this.conn.sql(
            `INSERT INTO invitations (token_hash, id, response_id, email, role, capacity, administrator, created_by, created_at, expires_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(tokenHash, id, invitation.responseId, invitation.email, invitation.role, invitation.capacity, invitation.administrator ? 1 : 0, invitation.createdBy, now, invitation.expiresAt);
      })();
      return { ...invitation, id, createdAt: now, codeHash: null, codeExpiresAt: null, codeAttempts: 0, codesSent: 0 };
    });
  }

  findOpen(tokenHash: string, now: Date = new Date()): Promise<Invitation | null> {
    return this.conn.run(() => {
      const row = this.conn.sql<[string, string], InvitationRow<number>>(`SELECT * FROM invitations WHERE token_hash = ? AND ${OPEN}`).get(tokenHash, now.toISOString());
      return row ? toInvitation(row, row.administrator === 1) : null;
    });
  }

  getOpen(id: string, now: Date = new Date()): Promise<Invitation | null> {
    return this.conn.run(() => {
      const row = this.conn.sql<[string, string], InvitationRow<number>>(`SELECT * FROM invitations WHERE id = ? AND ${OPEN}`).get(id, now.toISOString());
      return row ? toInvitation(row, row.administrator === 1) : null;
    });
  }

  listOpenForEmail(email: string, now: Date = new Date()): Promise<Invitation[]> {
    return this.conn.run(() =>
      this.conn.sql<[string, string], InvitationRow<number>>(`SELECT * FROM invitations WHERE email = ? COLLATE NOCASE AND ${OPEN} ORDER BY created_at DESC`)
        .all(email, now.toISOString())
        .map((row) => toInvitation(row, row.administrator === 1)),
    );
  }

  listOpenForResponse(responseId: string, now: Date = new Date()): Promise<Invitation[]> {
    return this.conn.run(() =>
      this.conn.sql<[string, string], InvitationRow<number>>(`SELECT * FROM invitations WHERE response_id = ? AND ${OPEN} ORDER BY created_at DESC`)
        .all(responseId, now.toISOString())
        .map((row) => toInvitation(row, row.administrator === 1)),
    );
  }

  close(id: string, outcome: InvitationOutcome, now: Date = new Date()): Promise<boolean> {
    return this.conn.run(
      () => this.conn.sql('UPDATE invitations SET accepted_at = ?, outcome = ? WHERE id = ? AND accepted_at IS NULL').run(now.toISOString(), outcome, id).changes === 1,
    );
  }

  setCode(id: string, codeHash: string, expiresAt: string): Promise<void> {
    return this.conn.run(() => {
      this.conn.sql('UPDATE invitations SET code_hash = ?, code_expires_at = ?, code_attempts = 0, codes_sent = codes_sent + 1 WHERE id = ?').run(codeHash, expiresAt, id);
    });
  }

  recordCodeAttempt(id: string): Promise<number> {
    return this.conn.run(() => {
      this.conn.sql('UPDATE invitations SET code_attempts = code_attempts + 1 WHERE id = ?').run(id);
      return this.conn.sql<[string], { code_attempts: number }>('SELECT code_attempts FROM invitations WHERE id = ?').get(id)?.code_attempts ?? 0;
    });
  }
}
