import type { OidcLogin } from './records';

/**
 * Sign-ins through an OpenID Connect provider that are under way: what the callback must check
 * (PKCE verifier, nonce, the browser that started it), kept for a few minutes, used once.
 */
export interface OidcLoginStore {
  create(stateHash: string, login: OidcLogin): Promise<void>;
  /** Removes and returns the sign-in a state names, if it has not expired. */
  take(stateHash: string, now?: Date): Promise<OidcLogin | null>;
  /** Removes sign-ins that were never finished. */
  deleteExpired(now?: Date): Promise<number>;
}
