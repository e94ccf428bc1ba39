// The HTTP API: sessions, sign-in rate limits, CSRF, error bodies, responses, membership and
// invitations. Real server in-process, real HTTP.
//
// Every test here comes from 127.0.0.1, and the server allows 50 sign-in attempts per address
// per 15 minutes (successful ones included), so this file keeps its sign-ins on the shared
// server few; the rate-limit tests have a server of their own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent, InvitationCreated, Member, ResponseDetail, ResponseSummary, User } from '../../shared/api';
import { api, codeIn, inviteUser, latestMailTo, login, sampleResponse, DEMO_PASSWORD } from '../helpers/clients';
import { startTestServer, type TestServer } from '../helpers/server';

type ErrorBody = { error: { code: string; message: string } };

let server: TestServer;
let pccCookie: string;
let chiefCookie: string;
let sample: ResponseDetail;
let otherResponseId: string;
/** A user created by invitation to the second demo response only. */
let outsider: { user: User; cookie: string };
/** Every error body seen in this file, checked for stack traces at the end. */
const errorBodies: unknown[] = [];

async function call<T = unknown>(cookie: string | null, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const result = await api<T>(server.url, cookie, method, path, body, headers);
  if (result.status >= 400) errorBodies.push(result.body);
  return result;
}

async function postSession(email: string, password: string, url = server.url, from?: string): Promise<Response> {
  return fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(from ? { 'x-forwarded-for': from } : {}) },
    body: JSON.stringify({ email, password }),
  });
}

async function members(): Promise<Member[]> {
  return (await call<ResponseDetail>(pccCookie, 'GET', `/api/responses/${sample.id}`)).body.members;
}

async function auditActions(responseId = sample.id): Promise<AuditEvent[]> {
  return (await call<{ events: AuditEvent[] }>(pccCookie, 'GET', `/api/responses/${responseId}/audit`)).body.events;
}

function expectError(result: { status: number; body: unknown }, status: number, code: string): void {
  expect(result.status).toBe(status);
  expect(result.body).toEqual({ error: { code, message: expect.any(String) } });
  expect((result.body as ErrorBody).error.message.length).toBeGreaterThan(0);
}

beforeAll(async () => {
  server = await startTestServer();
  pccCookie = await login(server.url, 'pcc@example.org');
  chiefCookie = await login(server.url, 'chief@example.org');
  sample = await sampleResponse(server.url, pccCookie);
  const list = await api<{ responses: ResponseSummary[] }>(server.url, pccCookie, 'GET', '/api/responses');
  otherResponseId = list.body.responses.find((r) => r.id !== sample.id)!.id;
  outsider = await inviteUser(server.url, pccCookie, otherResponseId, {
    email: 'outsider@example.org',
    role: 'pcc',
    capacity: 'drafter',
    name: 'Olive Outsider',
  });
});

afterAll(async () => {
  await server?.dispose();
});

describe('sessions', () => {
  it('signs in with the right password: the user, and an HttpOnly SameSite=Lax cookie', async () => {
    const response = await postSession('pcc@example.org', DEMO_PASSWORD);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { user: Record<string, unknown> };
    expect(body).toEqual({ user: { id: expect.any(String), email: 'pcc@example.org', name: 'Alex Morgan' } });
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^countersign_session=[^;]{20,};/);
    expect(setCookie).toMatch(/;\s*HttpOnly/i);
    expect(setCookie).toMatch(/;\s*SameSite=Lax/i);
    expect(setCookie).toMatch(/;\s*Path=\//i);
  });

  it('answers a wrong password and an unknown e-mail address alike', async () => {
    const wrongPassword = await postSession('pcc@example.org', 'not the password');
    const unknownEmail = await postSession('nobody@example.org', DEMO_PASSWORD);
    const wrongBody = await wrongPassword.text();
    const unknownBody = await unknownEmail.text();
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(wrongPassword.status);
    expect(unknownBody).toBe(wrongBody);
    expect(JSON.parse(wrongBody)).toEqual({ error: { code: 'invalid_credentials', message: expect.any(String) } });
    expect(wrongPassword.headers.get('set-cookie')).toBeNull();
    errorBodies.push(JSON.parse(wrongBody), JSON.parse(unknownBody));
  });

  it('tells the signed-in user who they are, and nobody else', async () => {
    const me = await call<{ user: User }>(chiefCookie, 'GET', '/api/session');
    expect(me.status).toBe(200);
    expect(me.body.user).toEqual({ id: expect.any(String), email: 'chief@example.org', name: 'Sam Taylor' });
    expectError(await call(null, 'GET', '/api/session'), 401, 'unauthenticated');
    expectError(await call('countersign_session=made-up-token', 'GET', '/api/session'), 401, 'unauthenticated');
  });

  it('ends a session on DELETE: the cookie no longer signs anyone in', async () => {
    const cookie = await login(server.url, 'lead@example.org');
    expect((await call(cookie, 'GET', '/api/session')).status).toBe(200);
    const ended = await fetch(`${server.url}/api/session`, { method: 'DELETE', headers: { cookie } });
    expect(ended.status).toBe(204);
    expect(ended.headers.get('set-cookie') ?? '').toMatch(/countersign_session=;.*Expires=Thu, 01 Jan 1970/i);
    expectError(await call(cookie, 'GET', '/api/session'), 401, 'unauthenticated');
    expectError(await call(cookie, 'GET', `/api/responses/${sample.id}`), 401, 'unauthenticated');
  });
});

describe('sign-in throttling (servers of their own)', () => {
  let behindProxy: TestServer;
  let direct: TestServer;
  const ATTACKER = '203.0.113.5';
  const OWNER = '198.51.100.7';

  beforeAll(async () => {
    // Behind a proxy on loopback, X-Forwarded-For says where each request comes from.
    behindProxy = await startTestServer({ config: { trustProxy: 'loopback' } });
    direct = await startTestServer();
  });

  afterAll(async () => {
    await behindProxy?.dispose();
    await direct?.dispose();
  });

  it('makes a guesser wait longer after each failure, with 429 rate_limited and Retry-After, even with the right password', async () => {
    for (let i = 0; i < 3; i++) {
      const failed = await postSession('lead@example.org', `wrong guess ${i}`, behindProxy.url, ATTACKER);
      expect(failed.status, `attempt ${i + 1}`).toBe(401);
    }
    const blocked = await postSession('lead@example.org', DEMO_PASSWORD, behindProxy.url, ATTACKER);
    expect(blocked.status).toBe(429);
    const body = (await blocked.json()) as ErrorBody;
    expect(body).toEqual({ error: { code: 'rate_limited', message: expect.stringMatching(/Wait \d+ seconds/) } });
    errorBodies.push(body);
    const retryAfter = Number(blocked.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    // The address spelled differently is the same account.
    expect((await postSession('  LEAD@example.org ', DEMO_PASSWORD, behindProxy.url, ATTACKER)).status).toBe(429);
    // Another account from the same address is not affected.
    expect((await postSession('chief@example.org', DEMO_PASSWORD, behindProxy.url, ATTACKER)).status).toBe(200);
  });

  it('never locks the owner out: the same account signs in at once from another address', async () => {
    for (let i = 0; i < 3; i++) await postSession('officer@example.org', `wrong guess ${i}`, behindProxy.url, ATTACKER);
    expect((await postSession('officer@example.org', DEMO_PASSWORD, behindProxy.url, ATTACKER)).status).toBe(429);
    expect((await postSession('officer@example.org', DEMO_PASSWORD, behindProxy.url, OWNER)).status).toBe(200);
  });

  it('reads X-Forwarded-For only when told to trust a proxy', async () => {
    for (let i = 0; i < 3; i++) await postSession('lead@example.org', `wrong guess ${i}`, direct.url, `10.0.0.${i}`);
    // Each "address" was spoofed; to this server they all came from loopback.
    expect((await postSession('lead@example.org', DEMO_PASSWORD, direct.url, '10.0.0.99')).status).toBe(429);
  });

  it('does not count successful sign-ins as failed attempts', async () => {
    // Someone signing in on several devices is not guessing a password.
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await postSession('viewer@example.org', DEMO_PASSWORD, behindProxy.url)).status);
    expect(statuses).toEqual(Array(11).fill(200));
  });
});

describe('cross-site requests', () => {
  it('refuses a state-changing request from another Origin with 403 foreign_origin, changing nothing', async () => {
    const before = await members();
    const evil = { origin: 'http://evil.example' };
    expectError(
      await call(pccCookie, 'POST', `/api/responses/${sample.id}/members`, { email: 'outsider@example.org', role: 'pcc', capacity: 'viewer' }, evil),
      403,
      'foreign_origin',
    );
    expect(await members()).toEqual(before);

    const victimCookie = await login(server.url, 'officer@example.org');
    expectError(await call(victimCookie, 'DELETE', '/api/session', undefined, evil), 403, 'foreign_origin');
    expect((await call(victimCookie, 'GET', '/api/session')).status).toBe(200);

    expectError(await call(pccCookie, 'POST', `/api/responses/${sample.id}/members`, {}, { origin: 'null' }), 403, 'foreign_origin');
    expect(await members()).toEqual(before);
  });

  it('accepts the same Origin', async () => {
    const invited = await call<{ url: string }>(
      pccCookie,
      'POST',
      `/api/responses/${sample.id}/invitations`,
      { email: 'same-origin@example.org', role: 'pcc', capacity: 'viewer' },
      { origin: server.url },
    );
    expect(invited.status).toBe(201);
    expect(invited.body.url).toMatch(/^\/invite\/[A-Za-z0-9_-]{20,}$/);
  });
});

describe('errors', () => {
  it('answers malformed JSON with 400 malformed_json', async () => {
    expectError(await call(pccCookie, 'POST', `/api/responses/${sample.id}/members`, '{"email": "x@example.org",'), 400, 'malformed_json');
    expectError(await call(null, 'POST', '/api/session', '{not json'), 400, 'malformed_json');
  });

  it('answers a body over 256 kB with 413', async () => {
    const big = JSON.stringify({ email: 'pcc@example.org', password: 'x'.repeat(300 * 1024) });
    expectError(await call(null, 'POST', '/api/session', big), 413, 'too_large');
  });

  it('answers an unknown endpoint with 404', async () => {
    expectError(await call(pccCookie, 'GET', '/api/no-such-thing'), 404, 'not_found');
    expectError(await call(pccCookie, 'POST', `/api/responses/${sample.id}/nothing-here`, {}), 404, 'not_found');
  });

  it('answers an unknown response and a response the caller is not a member of alike, with 404', async () => {
    const unknown = await call(pccCookie, 'GET', '/api/responses/AAAAAAAAAAAAAAAA');
    expectError(unknown, 404, 'not_found');
    expectError(await call(pccCookie, 'GET', '/api/responses/..%2F..%2Fetc'), 404, 'not_found');
    const notMine = await call(outsider.cookie, 'GET', `/api/responses/${sample.id}`);
    expectError(notMine, 404, 'not_found');
    expect(notMine.body).toEqual(unknown.body);
    expectError(await call(outsider.cookie, 'GET', `/api/responses/${sample.id}/audit`), 404, 'not_found');
  });

  it('needs a session for the API', async () => {
    expectError(await call(null, 'GET', '/api/responses'), 401, 'unauthenticated');
    expectError(await call(null, 'GET', `/api/responses/${sample.id}`), 401, 'unauthenticated');
  });
});

describe('responses', () => {
  it('lists only the caller\'s responses, each with id, title, state and deadline', async () => {
    const mine = await call<{ responses: ResponseSummary[] }>(pccCookie, 'GET', '/api/responses');
    expect(mine.status).toBe(200);
    expect(mine.body.responses.map((r) => r.id).sort()).toEqual([sample.id, otherResponseId].sort());
    const listed = mine.body.responses.find((r) => r.id === sample.id)!;
    expect(listed).toMatchObject({ id: sample.id, title: expect.stringContaining('Wiltshire and Swindon'), state: 'drafting', deadline: '2022-01-26' });
    for (const summary of mine.body.responses) {
      expect(summary.deadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(['drafting', 'published']).toContain(summary.state);
    }

    const theirs = await call<{ responses: ResponseSummary[] }>(outsider.cookie, 'GET', '/api/responses');
    expect(theirs.body.responses.map((r) => r.id)).toEqual([otherResponseId]);
  });

  it('gives a response with its ordered sections, the caller\'s membership and the members', async () => {
    const detail = await call<ResponseDetail>(chiefCookie, 'GET', `/api/responses/${sample.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.sections.map((s) => [s.title, s.kind, s.ownerRole])).toEqual([
      ["Police and Crime Commissioner's comments", 'prose', 'pcc'],
      ['Chief Officer comments', 'prose', 'chief_constable'],
      ['Portfolio lead comments', 'prose', 'portfolio_lead'],
      ['Recommendation 1', 'recommendation', 'chief_constable'],
      ['Recommendation 2', 'recommendation', 'chief_constable'],
      ['HMI comments', 'prose', 'pcc'],
    ]);
    for (const section of detail.body.sections) {
      expect(Object.keys(section)).toEqual(expect.arrayContaining(['id', 'kind', 'title', 'ownerRole', 'state', 'recommendation']));
      expect(section.state).toBe('drafting');
      if (section.kind === 'recommendation') expect(section.recommendation?.length).toBeGreaterThan(20);
      else expect(section.recommendation).toBeNull();
    }
    expect(new Set(detail.body.sections.map((s) => s.id)).size).toBe(6);
    expect(detail.body.me).toEqual({ role: 'chief_constable', capacity: 'signatory', administrator: false });
    const byEmail = Object.fromEntries(detail.body.members.map((m) => [m.email, m]));
    expect(byEmail['pcc@example.org']).toMatchObject({ name: 'Alex Morgan', role: 'pcc', capacity: 'signatory', administrator: true });
    expect(byEmail['chief@example.org']).toMatchObject({ role: 'chief_constable', capacity: 'signatory', administrator: false });
    expect(byEmail['lead@example.org']).toMatchObject({ role: 'portfolio_lead', capacity: 'signatory' });
    expect(byEmail['officer@example.org']).toMatchObject({ role: 'pcc', capacity: 'drafter' });
    expect(byEmail['viewer@example.org']).toMatchObject({ capacity: 'viewer' });
    expect(byEmail['outsider@example.org']).toBeUndefined();
    expect(JSON.stringify(detail.body)).not.toMatch(/password/i);
  });
});

describe('membership (administrators only)', () => {
  it('refuses member changes by a member who is not an administrator', async () => {
    const before = await members();
    const chiefId = before.find((m) => m.email === 'chief@example.org')!.userId;
    const viewerId = before.find((m) => m.email === 'viewer@example.org')!.userId;
    expectError(
      await call(chiefCookie, 'POST', `/api/responses/${sample.id}/members`, { email: 'outsider@example.org', role: 'chief_constable', capacity: 'drafter' }),
      403,
      'forbidden',
    );
    expectError(await call(chiefCookie, 'PATCH', `/api/responses/${sample.id}/members/${chiefId}`, { administrator: true }), 403, 'forbidden');
    expectError(await call(chiefCookie, 'DELETE', `/api/responses/${sample.id}/members/${viewerId}`), 403, 'forbidden');
    expect(await members()).toEqual(before);
  });

  it('lets the administrator invite an existing user, who joins by accepting; then change their capacity and remove them, each on the record', async () => {
    const auditBefore = (await auditActions()).length;

    const invited = await call<InvitationCreated>(pccCookie, 'POST', `/api/responses/${sample.id}/members`, {
      email: 'Outsider@Example.org',
      role: 'chief_constable',
      capacity: 'drafter',
    });
    expect(invited.status).toBe(201);
    expect(invited.body.invitation).toMatchObject({ email: 'outsider@example.org', role: 'chief_constable', capacity: 'drafter', administrator: false });
    // Not a member until they accept.
    expect((await members()).find((m) => m.userId === outsider.user.id)).toBeUndefined();
    expectError(await call(outsider.cookie, 'GET', `/api/responses/${sample.id}`), 404, 'not_found');
    const mine = await call<{ invitations: Array<{ id: string; responseId: string }> }>(outsider.cookie, 'GET', '/api/me/invitations');
    expect(mine.body.invitations.map((i) => i.responseId)).toEqual([sample.id]);
    const joined = await call(outsider.cookie, 'POST', `/api/me/invitations/${mine.body.invitations[0]!.id}/accept`, {});
    expect(joined.status).toBe(200);
    expect((await members()).find((m) => m.userId === outsider.user.id)).toMatchObject({ role: 'chief_constable', capacity: 'drafter' });
    // Now the outsider may see the sample.
    expect((await call(outsider.cookie, 'GET', `/api/responses/${sample.id}`)).status).toBe(200);
    expectError(
      await call(pccCookie, 'POST', `/api/responses/${sample.id}/members`, { email: 'outsider@example.org', role: 'pcc', capacity: 'viewer' }),
      409,
      'already_member',
    );

    const changed = await call<Member>(pccCookie, 'PATCH', `/api/responses/${sample.id}/members/${outsider.user.id}`, { capacity: 'viewer' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ userId: outsider.user.id, role: 'chief_constable', capacity: 'viewer', administrator: false });
    expect((await members()).find((m) => m.userId === outsider.user.id)?.capacity).toBe('viewer');

    const removed = await call(pccCookie, 'DELETE', `/api/responses/${sample.id}/members/${outsider.user.id}`);
    expect(removed.status).toBe(204);
    expect((await members()).find((m) => m.userId === outsider.user.id)).toBeUndefined();
    expectError(await call(outsider.cookie, 'GET', `/api/responses/${sample.id}`), 404, 'not_found');
    expectError(await call(pccCookie, 'DELETE', `/api/responses/${sample.id}/members/${outsider.user.id}`), 404, 'not_found');

    const recorded = (await auditActions()).slice(auditBefore);
    expect(recorded.map((e) => e.action)).toEqual(['member.invited', 'member.joined', 'member.changed', 'member.removed']);
    expect(recorded[0]!.detail).toContain('outsider@example.org');
    for (const event of recorded.slice(1)) expect(event.detail).toContain('Olive Outsider');
    expect(recorded[2]!.detail).toMatch(/drafter.*->.*viewer/);
  });

  it('keeps at least one administrator (409)', async () => {
    const before = await members();
    const pccId = before.find((m) => m.email === 'pcc@example.org')!.userId;
    expectError(await call(pccCookie, 'DELETE', `/api/responses/${sample.id}/members/${pccId}`), 409, 'last_administrator');
    expectError(await call(pccCookie, 'PATCH', `/api/responses/${sample.id}/members/${pccId}`, { administrator: false }), 409, 'last_administrator');
    expect(await members()).toEqual(before);
  });

  it('refuses bad bodies with 400 invalid_request', async () => {
    const before = await members();
    const viewerId = before.find((m) => m.email === 'viewer@example.org')!.userId;
    const path = `/api/responses/${sample.id}/members`;
    expectError(await call(pccCookie, 'POST', path, { email: 'outsider@example.org', role: 'pcc', capacity: 'boss' }), 400, 'invalid_request');
    expectError(await call(pccCookie, 'POST', path, { email: 'not-an-email', role: 'pcc', capacity: 'viewer' }), 400, 'invalid_request');
    expectError(await call(pccCookie, 'POST', path, { email: 'outsider@example.org', role: 'Chief Constable!', capacity: 'viewer' }), 400, 'invalid_request');
    expectError(await call(pccCookie, 'PATCH', `${path}/${viewerId}`, {}), 400, 'invalid_request');
    expectError(await call(pccCookie, 'PATCH', `${path}/${viewerId}`, { capacity: 'owner' }), 400, 'invalid_request');
    expect(await members()).toEqual(before);
  });
});

describe('invitations', () => {
  it('invites, shows, refuses a wrong code and a short password, accepts once with the mailed code and signs the new member in', async () => {
    const refused = await call(chiefCookie, 'POST', `/api/responses/${sample.id}/invitations`, { email: 'deputy@example.org', role: 'chief_constable', capacity: 'drafter' });
    expectError(refused, 403, 'forbidden');

    const invited = await call<InvitationCreated>(pccCookie, 'POST', `/api/responses/${sample.id}/invitations`, {
      email: 'deputy@example.org',
      role: 'chief_constable',
      capacity: 'drafter',
    });
    expect(invited.status).toBe(201);
    expect(invited.body.url).toMatch(/^\/invite\/[A-Za-z0-9_-]{20,}$/);
    const token = invited.body.url.slice('/invite/'.length);

    const shown = await call<Record<string, unknown>>(null, 'GET', `/api/invitations/${token}`);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ email: 'deputy@example.org', role: 'chief_constable', capacity: 'drafter', responseTitle: sample.title });

    // Holding the link is not enough: accepting without a session needs the code mailed to the address.
    expectError(await call(null, 'POST', `/api/invitations/${token}/accept`, { name: 'Dee Deputy', password: 'a long enough password' }), 400, 'invalid_request');
    expect((await call(null, 'POST', `/api/invitations/${token}/code`, {})).status).toBe(202);
    const mail = await latestMailTo(server.url, pccCookie, 'deputy@example.org', /^Your code/);
    const code = codeIn(mail!.text);
    const wrong = code === '00000000' ? '11111111' : '00000000';
    expectError(await call(null, 'POST', `/api/invitations/${token}/accept`, { code: wrong, name: 'Dee Deputy', password: 'a long enough password' }), 400, 'wrong_code');
    expectError(await call(null, 'POST', `/api/invitations/${token}/accept`, { code, name: 'Dee Deputy', password: 'short' }), 400, 'invalid_request');
    expectError(await call(null, 'POST', `/api/invitations/${token}/accept`, { code, name: '', password: 'a long enough password' }), 400, 'invalid_request');

    const accepted = await fetch(`${server.url}/api/invitations/${token}/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, name: 'Dee Deputy', password: 'a long enough password' }),
    });
    expect(accepted.status).toBe(201);
    const body = (await accepted.json()) as { user: User; responseId: string };
    expect(body.user).toMatchObject({ email: 'deputy@example.org', name: 'Dee Deputy' });
    expect(body.responseId).toBe(sample.id);
    const setCookie = accepted.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/i);
    const cookie = setCookie.split(';')[0]!;
    const me = await call<{ user: User }>(cookie, 'GET', '/api/session');
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe('deputy@example.org');
    const detail = await call<ResponseDetail>(cookie, 'GET', `/api/responses/${sample.id}`);
    expect(detail.body.me).toEqual({ role: 'chief_constable', capacity: 'drafter', administrator: false });

    expectError(await call(null, 'POST', `/api/invitations/${token}/accept`, { code, name: 'Someone Else', password: 'another long password' }), 404, 'not_found');
    expectError(await call(null, 'GET', `/api/invitations/${token}`), 404, 'not_found');
    expectError(await call(null, 'GET', '/api/invitations/not-a-real-token'), 404, 'not_found');

    const actions = (await auditActions()).map((e) => e.action);
    expect(actions).toContain('member.invited');
    expect(actions).toContain('member.joined');
  });
});

describe('error bodies', () => {
  it('never carry a stack trace', async () => {
    // Its own sample of failures, plus every error body the tests above received.
    await call(null, 'POST', '/api/session', '{"email":');
    await call(null, 'POST', '/api/session', JSON.stringify({ email: 'a@example.org', password: 'p'.repeat(300 * 1024) }));
    await call(null, 'POST', '/api/session', JSON.stringify({ email: ['not', 'a', 'string'], password: {} }));
    await call(null, 'GET', '/api/responses');
    await call(pccCookie, 'GET', '/api/responses/%E0%A4%A');
    await call(pccCookie, 'GET', '/api/nothing');
    await call(pccCookie, 'PATCH', `/api/responses/${sample.id}/members/nobody`, { capacity: 'viewer' });
    await call(chiefCookie, 'DELETE', `/api/responses/${sample.id}/members/nobody`);
    await call(pccCookie, 'POST', `/api/responses/${sample.id}/members`, { email: 'x@example.org' }, { origin: 'http://evil.example' });
    expect(errorBodies.length).toBeGreaterThanOrEqual(9);
    for (const body of errorBodies) {
      const text = JSON.stringify(body);
      expect(body).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
      expect(text).not.toMatch(/\bat \S+ \(|\.ts:\d+|node_modules|Error:/);
    }
  });
});
