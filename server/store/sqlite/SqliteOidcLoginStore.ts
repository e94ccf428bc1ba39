import type { OidcLoginStore } from '../OidcLoginStore';
import type { OidcLogin } from '../records';
import type { SqliteConnection } from './SqliteConnection';

interface OidcLoginRow {
  provider_id: string;
  code_verifier: string;
  nonce: string;
  browser_hash: string;
  return_to: string;
  invitation_token_hash: string | null;
  expires_at: string;
}

/** OidcLoginStore on SQLite (the table `oidc_logins`). */
export class SqliteOidcLoginStore implements OidcLoginStore {
  constructor(private readonly conn: SqliteConnection) {}

  create(stateHash: string, login: OidcLogin): Promise<void> {
    return this.conn.run(() => {
      this.conn.sql(
          `INSERT INTO oidc_logins (state_hash, provider_id, code_verifier, nonce, browser_hash, return_to, invitation_token_hash, expires_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(stateHash, login.providerId, login.codeVerifier, login.nonce, login.browserHash, login.returnTo, login.invitationTokenHash, login.expiresAt);
    });
  }

  take(stateHash: string, now: Date = new Date()): Promise<OidcLogin | null> {
    return this.conn.run(() => {
      const row = this.conn.sql<[string], OidcLoginRow>('SELECT * FROM oidc_logins WHERE state_hash = ?').get(stateHash);
      if (!row) return null;
      // Used once, whatever happens next.
      this.conn.sql('DELETE FROM oidc_logins WHERE state_hash = ?').run(stateHash);
      if (row.expires_at <= now.toISOString()) return null;
      return {
        providerId: row.provider_id,
        codeVerifier: row.code_verifier,
        nonce: row.nonce,
        browserHash: row.browser_hash,
        returnTo: row.return_to,
        invitationTokenHash: row.invitation_token_hash,
        expiresAt: row.expires_at,
      };
    });
  }

  deleteExpired(now: Date = new Date()): Promise<number> {
    return this.conn.run(() => this.conn.sql('DELETE FROM oidc_logins WHERE expires_at <= ?').run(now.toISOString()).changes);
  }
}
