// Consent and proof of address (issue 20, item 3), and the organisations' rules for who may
// hold a role (issue 16): adding a member always invites and never tells whether an address has
// an account; the link alone lets nobody in; a new person proves the address with a code mailed
// to it (a real SMTP server here), someone with an account accepts signed in as it; people
// leave; signatories come only from the organisation holding the role, vouched for by it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InvitationCreated, ResponseDetail } from '../../shared/api';
import type { Section } from '../../shared/model';
import { addDays, ukToday } from '../../shared/deadline';
import { api, appendParagraph, connectSection, login, sampleResponse, serverRoundTrip, type SectionClient } from '../helpers/clients';
import { TestMailServer } from '../helpers/mailServer';
import { startTestServer, type TestServer } from '../helpers/server';
import { waitFor } from '../helpers/waitFor';

type ErrorBody = { error: { code: string; message: string } };

const ORGANISATIONS = [
  {
    id: 'opcc',
    name: 'Office of the Police and Crime Commissioner',
    domains: ['example.org'],
    administrators: ['pcc@example.org'],
    createsResponses: true,
    roles: ['pcc', 'portfolio_lead'],
  },
  { id: 'force', name: 'Demo Constabulary', domains: ['force.example'], administrators: ['boss@force.example'], roles: ['chief_constable'] },
];

let server: TestServer;
let mail: TestMailServer;
let pcc: string;
let lead: string;
let response: ResponseDetail;
const clients: SectionClient[] = [];

function codeOf(text: string): string {
  const match = /Your code is (\d{4}) (\d{4})/.exec(text);
  if (!match) throw new Error(`no code in ${text}`);
  return match[1]! + match[2]!;
}

function invite(cookie: string, responseId: string, body: { email: string; role: string; capacity: string; administrator?: boolean }) {
  return api<InvitationCreated & ErrorBody>(server.url, cookie, 'POST', `/api/responses/${responseId}/members`, body);
}

function tokenOf(created: InvitationCreated): string {
  return created.url.replace('/invite/', '');
}

/** A new person accepts an invitation with the code mailed to them; returns their cookie. */
async function acceptWithMailedCode(token: string, email: string, name: string): Promise<string> {
  const codeMails = () => mail.to(email).filter((m) => /^Your code/.test(m.subject));
  const before = codeMails().length;
  expect((await api(server.url, null, 'POST', `/api/invitations/${token}/code`, {})).status).toBe(202);
  const received = await waitFor(() => {
    const list = codeMails();
    if (list.length <= before) throw new Error('no new code yet');
    return list[list.length - 1]!;
  });
  const accepted = await fetch(`${server.url}/api/invitations/${token}/accept`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: codeOf(received.text), name, password: 'a long enough password' }),
  });
  expect(accepted.status, await accepted.clone().text()).toBe(201);
  return (accepted.headers.get('set-cookie') ?? '').split(';')[0]!;
}

async function detail(cookie: string, id = response.id): Promise<ResponseDetail> {
  return (await api<ResponseDetail>(server.url, cookie, 'GET', `/api/responses/${id}`)).body;
}

beforeAll(async () => {
  mail = await TestMailServer.start();
  server = await startTestServer({ env: { COUNTERSIGN_ORGANISATIONS: JSON.stringify(ORGANISATIONS), COUNTERSIGN_SMTP_URL: mail.url } });
  pcc = await login(server.url, 'pcc@example.org');
  lead = await login(server.url, 'lead@example.org');
  const created = await api<ResponseDetail>(server.url, pcc, 'POST', '/api/responses', {
    title: 'Response to a report on custody',
    report: { title: 'A report on custody', publishedOn: addDays(ukToday(), -5), url: 'https://example.org/custody' },
    optionalSections: [],
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  response = created.body;
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await server?.dispose();
  await mail?.stop();
});

describe('adding a member', () => {
  it('answers the same way whether or not the address has an account, and names nobody', async () => {
    const known = await invite(pcc, response.id, { email: 'lead@example.org', role: 'portfolio_lead', capacity: 'drafter' });
    const unknown = await invite(pcc, response.id, { email: 'nobody@example.org', role: 'portfolio_lead', capacity: 'drafter' });
    expect(known.status).toBe(201);
    expect(unknown.status).toBe(201);
    const shape = (body: InvitationCreated) => ({ ...body, invitation: { ...body.invitation, id: '', email: '', createdAt: '', expiresAt: '' }, url: '', expiresAt: '' });
    expect(shape(known.body)).toEqual(shape(unknown.body));
    expect(JSON.stringify(known.body)).not.toContain('Jordan Lee');
    for (const body of [known.body, unknown.body]) expect(JSON.stringify(body)).not.toMatch(/no_account|has_account/);
    // Neither is a member before accepting; both addresses are sent the same invitation.
    expect((await detail(pcc)).members.map((m) => m.email)).toEqual(['pcc@example.org']);
    const [toKnown, toUnknown] = await Promise.all([mail.waitForMail('lead@example.org', /^Invitation to/), mail.waitForMail('nobody@example.org', /^Invitation to/)]);
    expect(toKnown.subject).toBe(toUnknown.subject);
    expect(toUnknown.text).toContain(`${server.url}/invite/${tokenOf(unknown.body)}`);
  });

  it('does not let the holder of the link in: not signed in as another address, not without the code mailed to the address', async () => {
    const created = await invite(pcc, response.id, { email: 'newcomer@example.org', role: 'portfolio_lead', capacity: 'viewer' });
    const token = tokenOf(created.body);
    const asAdmin = await api<ErrorBody>(server.url, pcc, 'POST', `/api/invitations/${token}/accept`, {});
    expect(asAdmin.status).toBe(403);
    expect(asAdmin.body.error.code).toBe('other_address');
    const noCode = await api<ErrorBody>(server.url, null, 'POST', `/api/invitations/${token}/accept`, { name: 'Mallory', password: 'a long enough password' });
    expect(noCode.status).toBe(400);

    const asked = await api<{ sentTo: string }>(server.url, null, 'POST', `/api/invitations/${token}/code`, {});
    expect(asked).toEqual({ status: 202, body: { sentTo: 'newcomer@example.org' } });
    const codeMail = await mail.waitForMail('newcomer@example.org', /^Your code/);
    expect(codeMail.rcptTo).toEqual(['newcomer@example.org']);
    const code = codeOf(codeMail.text);
    // Guessing is cut short: five wrong codes, then even the right one waits for a new code.
    for (let i = 0; i < 5; i++) {
      const guess = String((Number(code) + i + 1) % 100_000_000).padStart(8, '0');
      const wrong = await api<ErrorBody>(server.url, null, 'POST', `/api/invitations/${token}/accept`, { code: guess, name: 'Mallory', password: 'a long enough password' });
      expect(wrong.body.error.code).toBe('wrong_code');
    }
    const locked = await api<ErrorBody>(server.url, null, 'POST', `/api/invitations/${token}/accept`, { code, name: 'Nia Newcomer', password: 'a long enough password' });
    expect(locked.status).toBe(429);
    expect((await detail(pcc)).members.map((m) => m.email)).not.toContain('newcomer@example.org');

    // A fresh code, from the mailbox, works.
    const cookie = await acceptWithMailedCode(token, 'newcomer@example.org', 'Nia Newcomer');
    expect((await detail(cookie)).me).toEqual({ role: 'portfolio_lead', capacity: 'viewer', administrator: false });
  });

  it('sends an address that has an account a note to sign in, not a code, and answers as for any address', async () => {
    const created = await invite(pcc, response.id, { email: 'viewer@example.org', role: 'pcc', capacity: 'viewer' });
    const asked = await api(server.url, null, 'POST', `/api/invitations/${tokenOf(created.body)}/code`, {});
    expect(asked).toEqual({ status: 202, body: { sentTo: 'viewer@example.org' } });
    const note = await mail.waitForMail('viewer@example.org', /^Accepting your invitation/);
    expect(note.text).not.toMatch(/Your code is/);
    expect(note.text).toContain('already has a Countersign account');
  });

  it('lets a person with an account accept on their dashboard, signed in as that address', async () => {
    const mine = await api<{ invitations: Array<{ id: string; responseId: string; invitedBy: { name: string } }> }>(server.url, lead, 'GET', '/api/me/invitations');
    const invitation = mine.body.invitations.find((i) => i.responseId === response.id)!;
    expect(invitation.invitedBy.name).toBe('Alex Morgan');
    // Nobody else can accept it by its id.
    expect((await api(server.url, pcc, 'POST', `/api/me/invitations/${invitation.id}/accept`, {})).status).toBe(404);
    expect((await api(server.url, lead, 'POST', `/api/me/invitations/${invitation.id}/accept`, {})).status).toBe(200);
    expect((await detail(lead)).me).toEqual({ role: 'portfolio_lead', capacity: 'drafter', administrator: false });
    expect((await api<{ invitations: unknown[] }>(server.url, lead, 'GET', '/api/me/invitations')).body.invitations.filter((i) => (i as { responseId: string }).responseId === response.id)).toEqual([]);
  });

  it('lets people decline an invitation and leave a response, but not its last administrator', async () => {
    const viewer = await login(server.url, 'viewer@example.org');
    const mine = await api<{ invitations: Array<{ id: string; responseId: string }> }>(server.url, viewer, 'GET', '/api/me/invitations');
    const invitation = mine.body.invitations.find((i) => i.responseId === response.id)!;
    expect((await api(server.url, viewer, 'POST', `/api/me/invitations/${invitation.id}/decline`, {})).status).toBe(204);
    expect((await api(server.url, viewer, 'POST', `/api/me/invitations/${invitation.id}/accept`, {})).status).toBe(404);
    expect((await detail(pcc)).members.map((m) => m.email)).not.toContain('viewer@example.org');

    expect((await api(server.url, lead, 'POST', `/api/responses/${response.id}/leave`, {})).status).toBe(204);
    expect((await api(server.url, lead, 'GET', `/api/responses/${response.id}`)).status).toBe(404);
    const last = await api<ErrorBody>(server.url, pcc, 'POST', `/api/responses/${response.id}/leave`, {});
    expect(last.status).toBe(409);
    expect(last.body.error.code).toBe('last_administrator');
    const audit = await api<{ events: Array<{ action: string }> }>(server.url, pcc, 'GET', `/api/responses/${response.id}/audit`);
    expect(audit.body.events.map((e) => e.action)).toEqual(expect.arrayContaining(['member.declined', 'member.left']));
  });
});

describe('organisations', () => {
  let boss: string;
  let chiefSection: Section;

  it('shows which organisation holds each role, and each member’s organisation', async () => {
    const seen = await detail(pcc);
    expect(seen.roleHolders).toEqual(
      expect.arrayContaining([
        { role: 'pcc', organisationId: 'opcc' },
        { role: 'chief_constable', organisationId: 'force' },
        { role: 'portfolio_lead', organisationId: 'opcc' },
      ]),
    );
    expect(seen.members.find((m) => m.email === 'pcc@example.org')?.organisationId).toBe('opcc');
    const account = await api<{ organisation: { id: string }; mayCreateResponses: boolean; administersInstallation: boolean }>(server.url, pcc, 'GET', '/api/account');
    expect(account.body).toMatchObject({ organisation: { id: 'opcc' }, mayCreateResponses: true, administersInstallation: true });
  });

  it("refuses the PCC's office a signatory for the Chief Constable, and anyone from outside the force in the chief's seats (403 with the reason)", async () => {
    const signatory = await invite(pcc, response.id, { email: 'deputy@force.example', role: 'chief_constable', capacity: 'signatory' });
    expect(signatory.status).toBe(403);
    expect(signatory.body.error.code).toBe('organisation_rule');
    expect(signatory.body.error.message).toContain("Demo Constabulary's administrators");
    const outsider = await invite(pcc, response.id, { email: 'friend@example.org', role: 'chief_constable', capacity: 'drafter' });
    expect(outsider.status).toBe(403);
    expect(outsider.body.error.message).toContain('Only people of Demo Constabulary');
    // A drafter from the force is the PCC's office's to invite.
    const drafter = await invite(pcc, response.id, { email: 'boss@force.example', role: 'chief_constable', capacity: 'drafter' });
    expect(drafter.status).toBe(201);
    boss = await acceptWithMailedCode(tokenOf(drafter.body), 'boss@force.example', 'Bo Boss');
  });

  it("lets only the organisation's own people create responses", async () => {
    const refused = await api<ErrorBody>(server.url, boss, 'POST', '/api/responses', {
      title: 'A force response',
      report: { title: 'A report', publishedOn: addDays(ukToday(), -1), url: 'https://example.org/r' },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('organisation_rule');
    const account = await api<{ organisation: { id: string }; mayCreateResponses: boolean }>(server.url, boss, 'GET', '/api/account');
    expect(account.body).toMatchObject({ organisation: { id: 'force' }, mayCreateResponses: false });
  });

  it("lets the force's administrator make force people signatories for the Chief Constable, and nothing else", async () => {
    const bossId = (await detail(pcc)).members.find((m) => m.email === 'boss@force.example')!.userId;
    const self = await api(server.url, boss, 'PATCH', `/api/responses/${response.id}/members/${bossId}`, { capacity: 'signatory' });
    expect(self.status, JSON.stringify(self.body)).toBe(200);
    expect((await invite(boss, response.id, { email: 'second@force.example', role: 'chief_constable', capacity: 'signatory' })).status).toBe(201);
    const pccSeat = await invite(boss, response.id, { email: 'second@force.example', role: 'pcc', capacity: 'drafter' });
    expect(pccSeat.status).toBe(403);
    const adminSeat = await invite(boss, response.id, { email: 'third@force.example', role: 'chief_constable', capacity: 'drafter', administrator: true });
    expect(adminSeat.status).toBe(403);
  });

  it("refuses a sign-off by a chief's signatory from outside the force, and records the organisation and identity check of one from it", async () => {
    const chiefCookie = await login(server.url, 'chief@example.org');
    const sample = await sampleResponse(server.url, chiefCookie);
    const recent = (await api<{ responses: Array<{ id: string }> }>(server.url, chiefCookie, 'GET', '/api/responses')).body.responses.find((r) => r.id !== sample.id)!;
    const recentDetail = await detail(chiefCookie, recent.id);
    const theirs = recentDetail.sections.find((s) => s.ownerRole === 'chief_constable')!;
    const refused = await api<ErrorBody>(server.url, chiefCookie, 'POST', `/api/responses/${recent.id}/sections/${theirs.id}/signoff`, {});
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('organisation_rule');
    expect(refused.body.error.message).toBe('Only people of Demo Constabulary can sign off for the Chief Constable');
    // Nor may the PCC's office move them into a chief's seat they could not be given today.
    const chiefId = recentDetail.members.find((m) => m.email === 'chief@example.org')!.userId;
    expect((await api(server.url, pcc, 'PATCH', `/api/responses/${recent.id}/members/${chiefId}`, { capacity: 'drafter' })).status).toBe(403);

    chiefSection = response.sections.find((s) => s.ownerRole === 'chief_constable')!;
    const writer = connectSection(server.url, boss, response.id, chiefSection.id);
    clients.push(writer);
    await waitFor(() => expect(writer.provider.synced).toBe(true));
    appendParagraph(writer.doc, 'The force accepts the recommendations.');
    await serverRoundTrip(writer.provider);
    const signed = await api<Section>(server.url, boss, 'POST', `/api/responses/${response.id}/sections/${chiefSection.id}/signoff`, {});
    expect(signed.status, JSON.stringify(signed.body)).toBe(200);
    expect(signed.body.signOff).toMatchObject({ name: 'Bo Boss', organisation: 'Demo Constabulary', identityCheck: 'local password' });
  });
});
