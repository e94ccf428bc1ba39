// OpenID Connect sign-in with openid-client: the authorization code flow with PKCE (S256),
// `state` and `nonce` kept server-side and used once, the ID token validated (issuer, audience,
// expiry, nonce, and its signature against the provider's JWKS), and an e-mail address taken
// only when the provider vouches for it. Knows nothing of Express: the domain calls it.
import { createHash, randomBytes } from 'node:crypto';
import * as client from 'openid-client';
import type { OidcProviderSetting } from '../settings';
import type { Stores } from '../store/Store';

/** How long a sign-in may take between the redirect and the callback. */
export const OIDC_LOGIN_LIFETIME_MS = 10 * 60 * 1000;

/** Why an OpenID Connect sign-in was refused (the sign-in page says it in words). */
export type OidcFailure = 'unknown_provider' | 'state' | 'provider_error' | 'token' | 'no_email' | 'unverified_email' | 'provider_unavailable';

export class OidcError extends Error {
  constructor(
    readonly reason: OidcFailure,
    detail: string,
  ) {
    super(detail);
  }
}

/** What a validated sign-in tells us about the person. */
export interface OidcIdentity {
  providerId: string;
  /** The provider's id for the person (the `sub` claim). */
  subject: string;
  email: string;
  name: string | null;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function isLoopback(url: URL): boolean {
  return url.hostname === 'localhost' || url.hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
}

/** The address a provider vouches for: a configured claim, else `email` only when `email_verified` is true. */
export function vouchedEmail(claims: Record<string, unknown>, emailClaim: string | null): { email: string } | { failure: 'no_email' | 'unverified_email' } {
  const raw = emailClaim ? claims[emailClaim] : claims.email;
  if (typeof raw !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(raw.trim()) || raw.length > 320) return { failure: 'no_email' };
  if (!emailClaim && claims.email_verified !== true) return { failure: 'unverified_email' };
  return { email: raw.trim().toLowerCase() };
}

/** The configured providers, each discovered once (again after a failure). */
export class OidcClients {
  private readonly configs = new Map<string, Promise<client.Configuration>>();

  constructor(
    private readonly providers: OidcProviderSetting[],
    /** `<public url>/auth/oidc/callback`, read when needed (the public URL may be known only once the server listens). */
    private readonly redirectUri: () => string,
  ) {}

  /** The providers, for the sign-in page. */
  list(): Array<{ id: string; name: string }> {
    return this.providers.map(({ id, name }) => ({ id, name }));
  }

  provider(id: string): OidcProviderSetting | null {
    return this.providers.find((p) => p.id === id) ?? null;
  }

  private configuration(setting: OidcProviderSetting): Promise<client.Configuration> {
    let config = this.configs.get(setting.id);
    if (!config) {
      const issuer = new URL(setting.issuer);
      const execute = [client.enableNonRepudiationChecks];
      // Plain http only for a provider on this machine (the tests'); a real one is https.
      if (issuer.protocol === 'http:' && isLoopback(issuer)) execute.push(client.allowInsecureRequests);
      config = client.discovery(issuer, setting.clientId, setting.clientSecret ?? undefined, setting.clientSecret ? undefined : client.None(), { execute });
      config.catch(() => this.configs.delete(setting.id));
      this.configs.set(setting.id, config);
    }
    return config;
  }

  /**
   * Starts a sign-in: records its state, PKCE verifier and nonce, bound to the browser by a
   * random secret the caller puts in a cookie; returns where to send the browser.
   */
  async start(
    store: Stores,
    input: { providerId: string; returnTo: string; invitationTokenHash: string | null; now: Date },
  ): Promise<{ url: string; browserSecret: string }> {
    const setting = this.provider(input.providerId);
    if (!setting) throw new OidcError('unknown_provider', `No sign-in provider "${input.providerId}"`);
    let config: client.Configuration;
    try {
      config = await this.configuration(setting);
    } catch (error) {
      throw new OidcError('provider_unavailable', `Discovery of ${setting.issuer} failed: ${String(error)}`);
    }
    const state = client.randomState();
    const nonce = client.randomNonce();
    const codeVerifier = client.randomPKCECodeVerifier();
    const browserSecret = randomBytes(32).toString('base64url');
    await store.oidcLogins.create(sha256(state), {
      providerId: setting.id,
      codeVerifier,
      nonce,
      browserHash: sha256(browserSecret),
      returnTo: input.returnTo,
      invitationTokenHash: input.invitationTokenHash,
      expiresAt: new Date(input.now.getTime() + OIDC_LOGIN_LIFETIME_MS).toISOString(),
    });
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri(),
      scope: 'openid email profile',
      response_type: 'code',
      state,
      nonce,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url: url.href, browserSecret };
  }

  /**
   * Finishes a sign-in from the callback's URL: the state must be one we issued, unexpired,
   * unused, to this browser; the code is exchanged with the PKCE verifier; the ID token must be
   * valid and carry our nonce; the address must be vouched for.
   */
  async finish(
    store: Stores,
    input: { callbackUrl: URL; browserSecret: string | null; now: Date },
  ): Promise<{ identity: OidcIdentity; returnTo: string; invitationTokenHash: string | null }> {
    const state = input.callbackUrl.searchParams.get('state');
    const login = state && state.length <= 200 ? await store.oidcLogins.take(sha256(state), input.now) : null;
    if (!state || !login) throw new OidcError('state', 'The state is unknown, used or expired');
    if (!input.browserSecret || sha256(input.browserSecret) !== login.browserHash) throw new OidcError('state', 'The sign-in was started in another browser');
    const setting = this.provider(login.providerId);
    if (!setting) throw new OidcError('unknown_provider', `No sign-in provider "${login.providerId}"`);
    const error = input.callbackUrl.searchParams.get('error');
    if (error) throw new OidcError('provider_error', `The provider answered ${error}: ${input.callbackUrl.searchParams.get('error_description') ?? ''}`);

    let config: client.Configuration;
    try {
      config = await this.configuration(setting);
    } catch (failure) {
      throw new OidcError('provider_unavailable', String(failure));
    }
    // openid-client compares the callback's own address with the redirect URI; ours is the public one.
    const callback = new URL(this.redirectUri());
    callback.search = input.callbackUrl.search;
    let claims: Record<string, unknown>;
    try {
      const tokens = await client.authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: login.codeVerifier,
        expectedState: state,
        expectedNonce: login.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims();
      if (!idClaims) throw new Error('no ID token');
      claims = idClaims as Record<string, unknown>;
    } catch (failure) {
      throw new OidcError('token', failure instanceof Error ? failure.message : String(failure));
    }
    const vouched = vouchedEmail(claims, setting.emailClaim);
    if ('failure' in vouched) throw new OidcError(vouched.failure, `The ID token of ${setting.id} carries no e-mail address it vouches for`);
    const name = typeof claims.name === 'string' ? claims.name : [claims.given_name, claims.family_name].filter((p) => typeof p === 'string').join(' ') || null;
    return {
      identity: { providerId: setting.id, subject: String(claims.sub), email: vouched.email, name },
      returnTo: login.returnTo,
      invitationTokenHash: login.invitationTokenHash,
    };
  }
}
