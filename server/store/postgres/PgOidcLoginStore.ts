import type { OidcLoginStore } from '../OidcLoginStore';
import type { OidcLogin } from '../records';
import { type OidcLoginRow, toOidcLogin } from '../rows/oidcLoginRows';
import type { Sql } from './PgConnection';

/** OidcLoginStore on PostgreSQL (the table `oidc_logins`); used once, on whichever instance the callback reaches. */
export class PgOidcLoginStore implements OidcLoginStore {
  constructor(private readonly sql: Sql) {}

  async create(stateHash: string, login: OidcLogin): Promise<void> {
    await this.sql.query(
      `INSERT INTO oidc_logins (state_hash, provider_id, code_verifier, nonce, browser_hash, return_to, invitation_token_hash, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [stateHash, login.providerId, login.codeVerifier, login.nonce, login.browserHash, login.returnTo, login.invitationTokenHash, login.expiresAt],
    );
  }

  async take(stateHash: string, now: Date = new Date()): Promise<OidcLogin | null> {
    // Removed and read in one statement: two callbacks racing cannot both take it.
    const row = (await this.sql.query<OidcLoginRow>('DELETE FROM oidc_logins WHERE state_hash = $1 RETURNING *', [stateHash])).rows[0];
    if (!row || row.expires_at <= now.toISOString()) return null;
    return toOidcLogin(row);
  }

  async deleteExpired(now: Date = new Date()): Promise<number> {
    return (await this.sql.query('DELETE FROM oidc_logins WHERE expires_at <= $1', [now.toISOString()])).rowCount ?? 0;
  }
}
