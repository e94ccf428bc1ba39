// Rows of oidc_logins as both databases return them, and the login under way they record.
import type { OidcLogin } from '../records';

/** A row of oidc_logins (the state hash is the key, so not read back). */
export interface OidcLoginRow {
  provider_id: string;
  code_verifier: string;
  nonce: string;
  browser_hash: string;
  return_to: string;
  invitation_token_hash: string | null;
  expires_at: string;
}

/** The login under way, as the callback needs it. */
export function toOidcLogin(row: OidcLoginRow): OidcLogin {
  return {
    providerId: row.provider_id,
    codeVerifier: row.code_verifier,
    nonce: row.nonce,
    browserHash: row.browser_hash,
    returnTo: row.return_to,
    invitationTokenHash: row.invitation_token_hash,
    expiresAt: row.expires_at,
  };
}
