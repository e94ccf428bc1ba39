import type { OidcLoginStore } from '../OidcLoginStore';
import type { OidcLogin } from '../records';
import { type OidcLoginRow, toOidcLogin } from '../rows/oidcLoginRows';
import type { SqliteConnection } from './SqliteConnection';

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
      return toOidcLogin(row);
    });
  }

  deleteExpired(now: Date = new Date()): Promise<number> {
    return this.conn.run(() => this.conn.sql('DELETE FROM oidc_logins WHERE expires_at <= ?').run(now.toISOString()).changes);
  }
}
