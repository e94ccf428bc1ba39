// A real OpenID Connect provider for the tests (oidc-provider, on loopback, with its
// development login form), that can also be told to tamper with the ID tokens it issues, the
// way an attacker between us and a provider would: a forged signature, an expired token.
import { createPrivateKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';

/** What an account's ID token says about it. */
export interface TestAccount {
  email?: string;
  email_verified?: boolean;
  name?: string;
  preferred_username?: string;
}

/** Rewrites an ID token on its way to the client (null: leave it). */
export type IdTokenTamper = ((idToken: string, signWith: (header: object, payload: object, key?: KeyObject) => string) => string) | null;

function base64url(value: object | Buffer): string {
  return (Buffer.isBuffer(value) ? value : Buffer.from(JSON.stringify(value))).toString('base64url');
}

/** Signs a JWT with RS256. */
export function signJwt(header: object, payload: object, key: KeyObject): string {
  const data = `${base64url(header)}.${base64url(payload)}`;
  return `${data}.${sign('sha256', Buffer.from(data), key).toString('base64url')}`;
}

/** Reads a JWT's header and payload (no checks: the tests tamper with tokens they just got). */
export function decodeJwt(token: string): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  const [header, payload] = token.split('.');
  return { header: JSON.parse(Buffer.from(header!, 'base64url').toString()), payload: JSON.parse(Buffer.from(payload!, 'base64url').toString()) };
}

export class TestOidcProvider {
  /** The ID token tampering in force for the next sign-ins. */
  tamper: IdTokenTamper = null;
  readonly accounts = new Map<string, TestAccount>();
  private handler: http.RequestListener = (_req, res) => {
    res.statusCode = 503;
    res.end('not configured yet');
  };
  private readonly key: KeyObject;
  private readonly kid = 'test-key-1';

  private constructor(
    private readonly server: http.Server,
    readonly issuer: string,
  ) {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.key = privateKey;
  }

  /** Listens on a free loopback port; call `configure` once the client's redirect URI is known. */
  static async start(): Promise<TestOidcProvider> {
    let self: TestOidcProvider | null = null;
    const server = http.createServer((req, res) => self!.handler(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    self = new TestOidcProvider(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return self;
  }

  /** Signs a token with the provider's own key (a valid signature), or with `key`. */
  readonly signWith = (header: object, payload: object, key?: KeyObject): string => signJwt({ ...header, kid: this.kid, alg: 'RS256' }, payload, key ?? this.key);

  /** Registers the one client (Countersign) and starts answering. */
  configure(client: { clientId: string; clientSecret: string; redirectUri: string }): void {
    const jwk = { ...createPrivateKey(this.key.export({ format: 'pem', type: 'pkcs8' })).export({ format: 'jwk' }), kid: this.kid, alg: 'RS256', use: 'sig' };
    const provider = new Provider(this.issuer, {
      clients: [
        {
          client_id: client.clientId,
          client_secret: client.clientSecret,
          redirect_uris: [client.redirectUri],
          grant_types: ['authorization_code'],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_post',
        },
      ],
      jwks: { keys: [jwk as never] },
      cookies: { keys: ['countersign-test-cookies'] },
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'preferred_username'] },
      conformIdTokenClaims: false,
      features: { devInteractions: { enabled: true } },
      ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 600, Grant: 600 },
      findAccount: async (_ctx, id) => {
        const account = this.accounts.get(id);
        if (!account) return undefined;
        return { accountId: id, claims: async () => ({ sub: id, ...account }) };
      },
      // No consent screen: the organisation's own app, as a tenant's administrator would set it up.
      loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
        const accountId = ctx.oidc.session?.accountId;
        if (!accountId || !ctx.oidc.client) return undefined;
        const grant = new ctx.oidc.provider.Grant({ accountId, clientId: ctx.oidc.client.clientId });
        grant.addOIDCScope('openid email profile');
        await grant.save();
        return grant;
      },
    });
    provider.use(async (ctx, next) => {
      await next();
      const tamper = this.tamper;
      const body = ctx.body as { id_token?: string } | undefined;
      if (tamper && ctx.path === '/token' && body && typeof body.id_token === 'string') {
        ctx.body = { ...body, id_token: tamper(body.id_token, this.signWith) };
      }
    });
    const callback = provider.callback();
    this.handler = (req, res) => void callback(req, res);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** A tiny cookie jar for driving a browser-like flow with fetch. */
export class CookieJar {
  private readonly cookies = new Map<string, Map<string, string>>();

  header(url: URL): string {
    return [...(this.cookies.get(url.host) ?? new Map()).entries()].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  store(url: URL, response: Response): void {
    const jar = this.cookies.get(url.host) ?? new Map<string, string>();
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    this.cookies.set(url.host, jar);
  }

  get(host: string, name: string): string | undefined {
    return this.cookies.get(host)?.get(name);
  }
}

/**
 * Signs in through the provider's login form over HTTP, as a browser would: follows redirects
 * from `startUrl` (Countersign's /auth/oidc/<id>), posts the login, and returns Countersign's
 * answer to the callback (or, with `stopAtCallback`, the redirect to it, unfollowed), with the
 * chain of locations.
 */
export async function signInOverHttp(
  jar: CookieJar,
  startUrl: string,
  login: string,
  options: { stopAtCallback?: boolean } = {},
): Promise<{ response: Response; locations: string[]; callbackUrl: string | null }> {
  const locations: string[] = [];
  let url = new URL(startUrl);
  let method = 'GET';
  let body: string | undefined;
  let callbackUrl: string | null = null;
  for (let hop = 0; hop < 20; hop++) {
    const response = await fetch(url, {
      method,
      redirect: 'manual',
      headers: { cookie: jar.header(url), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body,
    });
    jar.store(url, response);
    // Countersign's answer to the callback (a redirect into the app, or to the sign-in page) ends the flow.
    if (url.pathname === '/auth/oidc/callback') return { response, locations, callbackUrl };
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      const next = new URL(location, url);
      locations.push(next.href);
      if (next.pathname === '/auth/oidc/callback') {
        callbackUrl = next.href;
        if (options.stopAtCallback) return { response, locations, callbackUrl };
      }
      url = next;
      method = 'GET';
      body = undefined;
      continue;
    }
    const text = await response.clone().text();
    const form = /<form[^>]*action="([^"]+)"[^>]*method="post"/i.exec(text);
    if (form && text.includes('name="login"')) {
      url = new URL(form[1]!.replace(/&amp;/g, '&'), url);
      method = 'POST';
      body = new URLSearchParams({ prompt: 'login', login, password: 'any password' }).toString();
      continue;
    }
    return { response, locations, callbackUrl };
  }
  throw new Error(`too many redirects: ${locations.join(' -> ')}`);
}
