// Single sign-on through a real OpenID Connect provider (oidc-provider on loopback): the code
// flow with PKCE, state and nonce; a session only for an address the provider vouches for,
// rotated at sign-in; and every way it must refuse: a wrong or replayed state, a sign-in
// finished in another browser, a forged or expired ID token, a wrong nonce, an unverified or
// missing e-mail, an address of an organisation that signs in elsewhere. The browser's own
// walk through it is tests/e2e/sso.test.ts.
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountBody, InvitationCreated, ResponseDetail } from '../../shared/api';
import type { Section } from '../../shared/model';
import { api, appendParagraph, connectSection, login, sampleResponse, serverRoundTrip, type SectionClient } from '../helpers/clients';
import { CookieJar, decodeJwt, signInOverHttp, TestOidcProvider } from '../helpers/oidcProvider';
import { startTestServer, type TestServer } from '../helpers/server';
import { waitFor } from '../helpers/waitFor';

const CLIENT = { clientId: 'countersign', clientSecret: 'a test client secret' };
const ORGANISATIONS = [
  { id: 'opcc', name: 'Office of the PCC', domains: ['example.org'], administrators: ['pcc@example.org'], createsResponses: true, roles: ['*'] },
  { id: 'force', name: 'Demo Police', domains: ['force.example'], provider: 'force', roles: ['chief_constable'] },
];

let idp: TestOidcProvider;
let server: TestServer;
const clients: SectionClient[] = [];

function cookieOf(response: Response): string | null {
  const line = response.headers.getSetCookie().find((c) => c.startsWith('countersign_session='));
  return line ? line.split(';')[0]! : null;
}

/** Signs in with the provider `providerId` as `account`; returns Countersign's answer to the callback. */
async function ssoSignIn(account: string, query = '', providerId = 'oidc', jar = new CookieJar()) {
  const result = await signInOverHttp(jar, `${server.url}/auth/oidc/${providerId}${query}`, account);
  return { ...result, jar, cookie: cookieOf(result.response), location: result.response.headers.get('location') };
}

beforeAll(async () => {
  idp = await TestOidcProvider.start();
  server = await startTestServer({
    env: {
      COUNTERSIGN_OIDC_ISSUER: idp.issuer,
      COUNTERSIGN_OIDC_CLIENT_ID: CLIENT.clientId,
      COUNTERSIGN_OIDC_CLIENT_SECRET: CLIENT.clientSecret,
      COUNTERSIGN_OIDC_NAME: 'Demo Entra ID',
      COUNTERSIGN_OIDC_PROVIDERS: JSON.stringify([{ id: 'force', name: 'Demo Police sign-in', issuer: idp.issuer, ...CLIENT }]),
      COUNTERSIGN_ORGANISATIONS: JSON.stringify(ORGANISATIONS),
    },
  });
  idp.configure({ ...CLIENT, redirectUri: `${server.url}/auth/oidc/callback` });
  idp.accounts.set('alex', { email: 'PCC@example.org', email_verified: true, name: 'Alex Morgan (Entra)' });
  idp.accounts.set('nia', { email: 'nia@example.org', email_verified: true, name: 'Nia New' });
  idp.accounts.set('unverified', { email: 'pcc@example.org', email_verified: false, name: 'Not Sure' });
  idp.accounts.set('no-email', { name: 'Nameless' });
  idp.accounts.set('chief', { email: 'chief@force.example', email_verified: true, name: 'Chris Chief' });
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await server?.dispose();
  await idp?.stop();
});

describe('single sign-on', () => {
  it('lists each provider for the sign-in page', async () => {
    const options = await api(server.url, null, 'GET', '/api/auth/providers');
    expect(options.body).toEqual({
      passwordLogin: true,
      providers: [
        { id: 'oidc', name: 'Demo Entra ID', startUrl: '/auth/oidc/oidc' },
        { id: 'force', name: 'Demo Police sign-in', startUrl: '/auth/oidc/force' },
      ],
    });
  });

  it('signs in with PKCE, state and nonce, for the address the provider vouches for, ending the session the browser came with', async () => {
    const jar = new CookieJar();
    const old = await login(server.url, 'pcc@example.org');
    jar.store(new URL(server.url), new Response(null, { headers: { 'set-cookie': `${old}; Path=/` } }));
    const result = await ssoSignIn('alex', `?next=${encodeURIComponent('/responses/abc')}`, 'oidc', jar);
    const authorize = new URL(result.locations[0]!);
    expect(authorize.origin).toBe(idp.issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorize.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(authorize.searchParams.get('nonce')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${server.url}/auth/oidc/callback`);

    expect(result.response.status).toBe(303);
    expect(result.location).toBe('/responses/abc');
    expect(result.cookie).not.toBeNull();
    expect(result.cookie).not.toBe(old);
    const account = await api<AccountBody>(server.url, result.cookie, 'GET', '/api/account');
    expect(account.body).toMatchObject({ user: { email: 'pcc@example.org', name: 'Alex Morgan' }, signedInWith: 'Demo Entra ID' });
    // Rotated: the session the browser came with is over.
    expect((await api(server.url, old, 'GET', '/api/session')).status).toBe(401);
  });

  it('gives a new person an account for the vouched address, where their invitations wait; from the invitation page it accepts', async () => {
    const pcc = await login(server.url, 'pcc@example.org');
    const sample = await sampleResponse(server.url, pcc);
    const invited = await api<InvitationCreated>(server.url, pcc, 'POST', `/api/responses/${sample.id}/members`, { email: 'nia@example.org', role: 'pcc', capacity: 'drafter' });
    expect(invited.status).toBe(201);
    const token = invited.body.url.replace('/invite/', '');

    const plain = await ssoSignIn('nia');
    expect(plain.location).toBe('/');
    const mine = await api<{ invitations: Array<{ responseId: string }> }>(server.url, plain.cookie, 'GET', '/api/me/invitations');
    expect(mine.body.invitations.map((i) => i.responseId)).toEqual([sample.id]);
    expect((await api<AccountBody>(server.url, plain.cookie, 'GET', '/api/account')).body.user.name).toBe('Nia New');

    const fromInvitation = await ssoSignIn('nia', `?next=${encodeURIComponent(`/invite/${token}`)}&invitation=${token}`);
    expect(fromInvitation.location).toBe(`/responses/${sample.id}`);
    const seen = await api<ResponseDetail>(server.url, fromInvitation.cookie, 'GET', `/api/responses/${sample.id}`);
    expect(seen.body.me).toEqual({ role: 'pcc', capacity: 'drafter', administrator: false });
  });

  it('refuses a state it did not issue, one used already, and one finished in another browser', async () => {
    const started = await signInOverHttp(new CookieJar(), `${server.url}/auth/oidc/oidc`, 'alex', { stopAtCallback: true });
    const callback = new URL(started.callbackUrl!);
    const jar = new CookieJar();

    // Another browser (no cookie of this sign-in) brings the callback: refused, and the state is spent.
    const elsewhere = await fetch(callback, { redirect: 'manual' });
    expect(elsewhere.headers.get('location')).toBe('/sign-in?error=state');
    expect(cookieOf(elsewhere)).toBeNull();

    const fresh = await signInOverHttp(jar, `${server.url}/auth/oidc/oidc`, 'alex', { stopAtCallback: true });
    const good = new URL(fresh.callbackUrl!);
    const forged = new URL(good);
    forged.searchParams.set('state', 'a-state-we-never-issued-000000000000');
    const wrong = await fetch(forged, { redirect: 'manual', headers: { cookie: jar.header(good) } });
    expect(wrong.headers.get('location')).toBe('/sign-in?error=state');
    expect(cookieOf(wrong)).toBeNull();

    const first = await fetch(good, { redirect: 'manual', headers: { cookie: jar.header(good) } });
    expect(first.headers.get('location')).toBe('/');
    expect(cookieOf(first)).not.toBeNull();
    const replay = await fetch(good, { redirect: 'manual', headers: { cookie: jar.header(good) } });
    expect(replay.headers.get('location')).toBe('/sign-in?error=state');
    expect(cookieOf(replay)).toBeNull();
  });

  it('refuses a forged ID token, an expired one, one for another client and one with another nonce', async () => {
    const { privateKey: attackerKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const now = Math.floor(Date.now() / 1000);
    const tampers = {
      forged: (token: string, sign: (h: object, p: object, k?: typeof attackerKey) => string) => sign(decodeJwt(token).header, decodeJwt(token).payload, attackerKey),
      expired: (token: string, sign: (h: object, p: object) => string) => sign(decodeJwt(token).header, { ...decodeJwt(token).payload, iat: now - 7200, exp: now - 3600 }),
      audience: (token: string, sign: (h: object, p: object) => string) => sign(decodeJwt(token).header, { ...decodeJwt(token).payload, aud: 'another-client' }),
      nonce: (token: string, sign: (h: object, p: object) => string) => sign(decodeJwt(token).header, { ...decodeJwt(token).payload, nonce: 'not-our-nonce' }),
    };
    try {
      for (const [name, tamper] of Object.entries(tampers)) {
        idp.tamper = tamper as never;
        const result = await ssoSignIn('alex');
        expect(result.location, name).toBe('/sign-in?error=token');
        expect(result.cookie, name).toBeNull();
      }
      // The same tampering that only re-signs with the provider's own key is accepted: the check is real.
      idp.tamper = (token, sign) => sign(decodeJwt(token).header, decodeJwt(token).payload);
      expect((await ssoSignIn('alex')).cookie).not.toBeNull();
    } finally {
      idp.tamper = null;
    }
  });

  it('refuses an e-mail address the provider does not vouch for, or none', async () => {
    const unverified = await ssoSignIn('unverified');
    expect(unverified.location).toBe('/sign-in?error=unverified_email');
    expect(unverified.cookie).toBeNull();
    const none = await ssoSignIn('no-email');
    expect(none.location).toBe('/sign-in?error=no_email');
    expect(none.cookie).toBeNull();
  });

  it("accepts an organisation's address only from the provider the organisation names", async () => {
    const elsewhere = await ssoSignIn('chief', '', 'oidc');
    expect(elsewhere.location).toBe('/sign-in?error=organisation');
    expect(elsewhere.cookie).toBeNull();
    const own = await ssoSignIn('chief', '', 'force');
    expect(own.cookie).not.toBeNull();
    expect((await api<AccountBody>(server.url, own.cookie, 'GET', '/api/account')).body).toMatchObject({ organisation: { id: 'force' }, signedInWith: 'Demo Police sign-in' });
  });

  it('records the provider as the identity check of a sign-off made in a session it signed in', async () => {
    const { cookie } = await ssoSignIn('alex');
    const sample = await sampleResponse(server.url, cookie!);
    const recent = (await api<{ responses: Array<{ id: string }> }>(server.url, cookie, 'GET', '/api/responses')).body.responses.find((r) => r.id !== sample.id)!;
    const section = (await api<ResponseDetail>(server.url, cookie, 'GET', `/api/responses/${recent.id}`)).body.sections.find((s) => s.ownerRole === 'pcc')!;
    const writer = connectSection(server.url, cookie!, recent.id, section.id);
    clients.push(writer);
    await waitFor(() => expect(writer.provider.synced).toBe(true));
    appendParagraph(writer.doc, 'The PCC welcomes the report.');
    await serverRoundTrip(writer.provider);
    const signed = await api<Section>(server.url, cookie, 'POST', `/api/responses/${recent.id}/sections/${section.id}/signoff`, {});
    expect(signed.status, JSON.stringify(signed.body)).toBe(200);
    expect(signed.body.signOff).toMatchObject({ organisation: 'Office of the PCC', identityCheck: 'Demo Entra ID' });
  });
});

describe('with local passwords switched off', () => {
  let sso: TestServer;

  beforeAll(async () => {
    sso = await startTestServer({
      env: { COUNTERSIGN_OIDC_ISSUER: idp.issuer, COUNTERSIGN_OIDC_CLIENT_ID: CLIENT.clientId, COUNTERSIGN_OIDC_CLIENT_SECRET: CLIENT.clientSecret, COUNTERSIGN_PASSWORD_LOGIN: '0' },
    });
  });

  afterAll(async () => {
    await sso?.dispose();
  });

  it('refuses every password sign-in, even the right one, and offers providers only', async () => {
    const refused = await api<{ error: { code: string } }>(sso.url, null, 'POST', '/api/session', { email: 'pcc@example.org', password: 'countersign' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('password_login_off');
    expect((await api<{ passwordLogin: boolean }>(sso.url, null, 'GET', '/api/auth/providers')).body.passwordLogin).toBe(false);
  });

  it('will not start the server without a provider', async () => {
    await expect(startTestServer({ env: { COUNTERSIGN_PASSWORD_LOGIN: '0' } })).rejects.toThrow(/no OpenID Connect provider/);
  });
});
