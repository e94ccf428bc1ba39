// Mail through a real SMTP server (smtp-server on loopback): invitation, ready-for-sign-off,
// reopen, mention, reply, published and reminder mails reach the right people with the right
// links and headers; preferences (digest, none) are kept; and a mail server that is down, or
// that says "try later", still gets each mail exactly once. The scheduler runs on a clock the
// test sets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseDetail } from '../../shared/api';
import { addDays, ukToday } from '../../shared/deadline';
import { addExistingMember, api, appendParagraph, connectSection, login, serverRoundTrip, type SectionClient } from '../helpers/clients';
import { TestMailServer, type ReceivedMail } from '../helpers/mailServer';
import { startTestServer, type TestServer } from '../helpers/server';
import { waitFor } from '../helpers/waitFor';

let mail: TestMailServer;
let server: TestServer;
let now = new Date();
const cookies: Record<string, string> = {};
let response: ResponseDetail;
const clients: SectionClient[] = [];

const BASE = () => server.url;

function section(title: string) {
  return response.sections.find((s) => s.title === title)!;
}

async function write(cookie: string, sectionId: string, text: string): Promise<void> {
  const client = connectSection(server.url, cookie, response.id, sectionId);
  clients.push(client);
  await waitFor(() => expect(client.provider.synced).toBe(true));
  appendParagraph(client.doc, text);
  await serverRoundTrip(client.provider);
}

async function refresh(): Promise<void> {
  response = (await api<ResponseDetail>(server.url, cookies.pcc!, 'GET', `/api/responses/${response.id}`)).body;
}

function userId(email: string): string {
  return response.members.find((m) => m.email === email)!.userId;
}

/** Every mail received, by Message-ID: a second copy of one would show here. */
function duplicates(): string[] {
  const counts = new Map<string, number>();
  for (const m of mail.mails) counts.set(m.headers.get('message-id') ?? '', (counts.get(m.headers.get('message-id') ?? '') ?? 0) + 1);
  return [...counts].filter(([, n]) => n > 1).map(([id]) => id);
}

function expectFooter(received: ReceivedMail): void {
  expect(received.text).toContain(`Choose what Countersign e-mails you: ${BASE()}/preferences`);
  expect(received.headers.get('list-unsubscribe')).toBe(`<${BASE()}/preferences>`);
}

beforeAll(async () => {
  mail = await TestMailServer.start();
  server = await startTestServer({
    env: { COUNTERSIGN_SMTP_URL: mail.url, COUNTERSIGN_MAIL_FROM: 'Countersign <countersign@opcc.example>' },
    config: { mailRetryBaseMs: 100 },
    clock: () => now,
  });
  for (const who of ['pcc', 'chief', 'lead', 'officer']) cookies[who] = await login(server.url, `${who}@example.org`);
  const created = await api<ResponseDetail>(server.url, cookies.pcc!, 'POST', '/api/responses', {
    title: 'Response to the <b>custody</b> report',
    report: { title: 'Custody', publishedOn: addDays(ukToday(), -10), url: 'https://example.org/custody' },
    optionalSections: [],
  });
  response = created.body;
  await addExistingMember(server.url, cookies.pcc!, response.id, cookies.chief!, { email: 'chief@example.org', role: 'chief_constable', capacity: 'signatory' });
  await addExistingMember(server.url, cookies.pcc!, response.id, cookies.lead!, { email: 'lead@example.org', role: 'portfolio_lead', capacity: 'signatory' });
  await addExistingMember(server.url, cookies.pcc!, response.id, cookies.officer!, { email: 'officer@example.org', role: 'pcc', capacity: 'drafter' });
  await refresh();
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await server?.dispose();
  await mail?.stop();
});

describe('mail', () => {
  it('sends an invitation to the address, with its link, from the configured sender, replying to the inviter', async () => {
    const invited = await api<{ url: string }>(server.url, cookies.pcc!, 'POST', `/api/responses/${response.id}/members`, { email: 'new.person@example.org', role: 'pcc', capacity: 'viewer' });
    const received = await mail.waitForMail('new.person@example.org', /^Invitation to/);
    expect(received.subject).toBe('Invitation to “Response to the <b>custody</b> report” on Countersign');
    expect(received.headers.get('from')).toBe('Countersign <countersign@opcc.example>');
    expect(received.headers.get('reply-to')).toMatch(/Alex Morgan.*<pcc@example.org>/);
    expect(received.text).toContain('Alex Morgan has invited you');
    expect(received.text).toContain(`${BASE()}${invited.body.url}`);
    // The response's title is the inviter's text: escaped in the HTML part.
    expect(received.html).toContain('Response to the &lt;b&gt;custody&lt;/b&gt; report');
    expect(received.html).not.toContain('<b>custody</b>');
    expect(received.headers.get('message-id')).toMatch(/^<[0-9a-f]{32}@localhost>$/);
  });

  it("tells a role's signatories that a drafter asks for sign-off, with a link to the section", async () => {
    const pccSection = section("Police and Crime Commissioner's comments");
    await write(cookies.officer!, pccSection.id, 'The PCC welcomes the report.');
    const asked = await api(server.url, cookies.officer!, 'POST', `/api/responses/${response.id}/sections/${pccSection.id}/request-signoff`, {});
    expect(asked).toEqual({ status: 200, body: { notified: 1 } });
    const received = await mail.waitForMail('pcc@example.org', /^Ready for your sign-off/);
    expect(received.text).toContain('Dear Alex Morgan,');
    expect(received.text).toContain('Robin Shah says');
    expect(received.text).toContain(`${BASE()}/responses/${response.id}#section-${pccSection.id}`);
    expect(received.text).not.toContain('The PCC welcomes the report.');
    expect(received.headers.get('reply-to')).toMatch(/<officer@example.org>/);
    expect(received.headers.get('in-reply-to')).toBe(`<section.${pccSection.id}@localhost>`);
    expectFooter(received);
    // Asking again at once is refused; the signatories were just told.
    const again = await api<{ error: { code: string } }>(server.url, cookies.officer!, 'POST', `/api/responses/${response.id}/sections/${pccSection.id}/request-signoff`, {});
    expect(again.body.error.code).toBe('already_asked');
    // Viewers and other roles cannot ask.
    expect((await api(server.url, cookies.lead!, 'POST', `/api/responses/${response.id}/sections/${pccSection.id}/request-signoff`, {})).status).toBe(403);
  });

  it('tells the signatory when a section they signed is reopened, with the reason', async () => {
    const chiefSection = section('Chief Officer comments');
    await write(cookies.chief!, chiefSection.id, 'The force agrees.');
    expect((await api(server.url, cookies.chief!, 'POST', `/api/responses/${response.id}/sections/${chiefSection.id}/signoff`, {})).status).toBe(200);
    const reason = 'Please add the <script>alert(1)</script> timetable & costs';
    expect((await api(server.url, cookies.pcc!, 'POST', `/api/responses/${response.id}/sections/${chiefSection.id}/reopen`, { reason })).status).toBe(200);
    const received = await mail.waitForMail('chief@example.org', /^Reopened:/);
    expect(received.text).toContain('Alex Morgan reopened “Chief Officer comments”');
    expect(received.text).toContain(`> ${reason}`);
    expect(received.html).toContain('Please add the &lt;script&gt;alert(1)&lt;/script&gt; timetable &amp; costs');
    expect(received.html).not.toContain('<script>');
    expect(received.text).toContain(`${BASE()}/responses/${response.id}#section-${chiefSection.id}`);
  });

  it('tells mentioned members, and refuses a mention of someone who is not a member', async () => {
    const leadSection = section('Portfolio lead comments');
    const outsider = await api<{ error: { code: string } }>(server.url, cookies.officer!, 'POST', `/api/responses/${response.id}/threads`, {
      sectionId: leadSection.id,
      body: '@Someone look',
      mentions: ['not-a-member-id'],
    });
    expect(outsider.status).toBe(400);
    const opened = await api<{ id: string }>(server.url, cookies.officer!, 'POST', `/api/responses/${response.id}/threads`, {
      sectionId: leadSection.id,
      body: '@Jordan Lee could you add the regional figures?',
      mentions: [userId('lead@example.org')],
    });
    expect(opened.status).toBe(201);
    const received = await mail.waitForMail('lead@example.org', /mentioned you/);
    expect(received.subject).toBe('Robin Shah mentioned you: “Portfolio lead comments” in “Response to the <b>custody</b> report”');
    expect(received.text).toContain('> @Jordan Lee could you add the regional figures?');
    expect(received.text).toContain(`${BASE()}/responses/${response.id}#thread-${opened.body.id}`);
    expect(received.headers.get('in-reply-to')).toBe(`<thread.${opened.body.id}@localhost>`);
    expect(received.headers.get('references')).toBe(`<thread.${opened.body.id}@localhost>`);
  });

  it('tells the others in a thread of a reply, threaded with the thread’s other mail', async () => {
    const threads = await api<{ threads: Array<{ id: string; sectionId: string }> }>(server.url, cookies.lead!, 'GET', `/api/responses/${response.id}/threads`);
    const thread = threads.body.threads.find((t) => t.sectionId === section('Portfolio lead comments').id)!;
    expect((await api(server.url, cookies.lead!, 'POST', `/api/responses/${response.id}/threads/${thread.id}/comments`, { body: 'Added them.' })).status).toBe(201);
    const received = await mail.waitForMail('officer@example.org', /^Re: a thread/);
    expect(received.text).toContain('Jordan Lee replied');
    expect(received.text).toContain('> Added them.');
    expect(received.headers.get('in-reply-to')).toBe(`<thread.${thread.id}@localhost>`);
    // The replier is not told of their own reply.
    expect(mail.to('lead@example.org').filter((m) => /^Re: a thread/.test(m.subject))).toEqual([]);
    await api(server.url, cookies.lead!, 'POST', `/api/responses/${response.id}/threads/${thread.id}/resolve`, {});
  });

  it('keeps a daily digest for the morning, and sends nothing for "none" (the app still has it)', async () => {
    expect((await api(server.url, cookies.officer!, 'PUT', '/api/notification-preferences', { preferences: { reply: 'digest', mentioned: 'none' } })).status).toBe(200);
    const threads = await api<{ threads: Array<{ id: string; sectionId: string }> }>(server.url, cookies.lead!, 'GET', `/api/responses/${response.id}/threads`);
    const thread = threads.body.threads[0]!;
    await api(server.url, cookies.lead!, 'POST', `/api/responses/${response.id}/threads/${thread.id}/reopen`, {});
    await api(server.url, cookies.lead!, 'POST', `/api/responses/${response.id}/threads/${thread.id}/comments`, {
      body: 'One more thing, @Robin Shah.',
      mentions: [userId('officer@example.org')],
    });
    await api(server.url, cookies.lead!, 'POST', `/api/responses/${response.id}/threads/${thread.id}/comments`, { body: 'And the costs.' });
    const listed = await api<{ notifications: Array<{ kind: string; detail: string }> }>(server.url, cookies.officer!, 'GET', '/api/notifications');
    expect(listed.body.notifications.slice(0, 2).map((n) => n.kind)).toEqual(['reply', 'mentioned']);

    now = new Date(`${addDays(ukToday(), 1)}T09:00:00Z`);
    await server.server.scheduler.runNow();
    const digest = await mail.waitForMail('officer@example.org', /^Countersign: 1 thing for you today/);
    expect(digest.text).toContain('Jordan Lee replied in a thread on “Portfolio lead comments”');
    expect(digest.headers.get('auto-submitted')).toBe('auto-generated');
    // Neither the reply nor the mention came at once.
    expect(mail.to('officer@example.org').filter((m) => /mentioned you|^Re: a thread/.test(m.subject))).toHaveLength(1);
    await server.server.scheduler.runNow();
    expect(mail.to('officer@example.org').filter((m) => /for you today/.test(m.subject))).toHaveLength(1);
    await api(server.url, cookies.lead!, 'POST', `/api/responses/${response.id}/threads/${thread.id}/resolve`, {});
    now = new Date();
  });

  it('reminds the signatories with sections not signed off, and the administrators, once, even after a restart', async () => {
    const sevenBefore = addDays(response.deadline, -7);
    now = new Date(`${sevenBefore}T09:30:00Z`);
    await server.server.scheduler.runNow();
    for (const email of ['pcc@example.org', 'chief@example.org', 'lead@example.org']) {
      const received = await mail.waitForMail(email, /^Reminder: “Response to the <b>custody<\/b> report”, the statutory deadline in 7 days$/);
      expect(received.text).toContain(`${BASE()}/responses/${response.id}`);
      expect(received.headers.get('auto-submitted')).toBe('auto-generated');
    }
    const ours = (m: ReceivedMail) => /^Reminder: .*custody/.test(m.subject);
    const toChief = mail.to('chief@example.org').find(ours)!;
    expect(toChief.text).toContain('Not yet signed off by you: “Chief Officer comments”.');
    // The drafter signs nothing and administers nothing: no reminder.
    expect(mail.to('officer@example.org').filter(ours)).toEqual([]);

    await server.server.scheduler.runNow();
    for (const client of clients.splice(0)) client.destroy();
    await server.restart();
    await server.server.scheduler.runNow();
    // A mail after them all, so anything sent twice would be here by now.
    await api(server.url, cookies.pcc!, 'POST', `/api/responses/${response.id}/members`, { email: 'barrier@example.org', role: 'pcc', capacity: 'viewer' });
    await mail.waitForMail('barrier@example.org', /^Invitation/);
    for (const email of ['pcc@example.org', 'chief@example.org', 'lead@example.org']) {
      expect(mail.to(email).filter(ours)).toHaveLength(1);
    }
    // An overdue response says so every day.
    now = new Date(`${addDays(response.deadline, 2)}T10:00:00Z`);
    await server.server.scheduler.runNow();
    await mail.waitForMail('pcc@example.org', /^Overdue: .*custody.*2 days ago/);
    now = new Date();
  });

  it('tells every member when the response is published', async () => {
    await refresh();
    await write(cookies.lead!, section('Portfolio lead comments').id, 'The unit agrees.');
    for (const [cookie, title] of [
      [cookies.pcc!, "Police and Crime Commissioner's comments"],
      [cookies.chief!, 'Chief Officer comments'],
      [cookies.lead!, 'Portfolio lead comments'],
    ] as const) {
      const signed = await api(server.url, cookie, 'POST', `/api/responses/${response.id}/sections/${section(title).id}/signoff`, {});
      expect(signed.status, JSON.stringify(signed.body)).toBe(200);
    }
    const published = await api<{ htmlUrl: string }>(server.url, cookies.pcc!, 'POST', `/api/responses/${response.id}/publish`, {});
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    for (const email of ['chief@example.org', 'lead@example.org', 'officer@example.org']) {
      const received = await mail.waitForMail(email, /^Published:/);
      expect(received.text).toContain(`${BASE()}${published.body.htmlUrl}`);
    }
    expect(mail.to('pcc@example.org').filter((m) => /^Published:/.test(m.subject))).toEqual([]);
    expect(duplicates()).toEqual([]);
  });
});

describe('a mail server that is down or busy', () => {
  it('delivers each mail exactly once when it comes back', async () => {
    const sent = mail.mails.length;
    await mail.stop();
    const pcc = await login(server.url, 'pcc@example.org');
    const created = await api<ResponseDetail>(server.url, pcc, 'POST', '/api/responses', {
      title: 'Response while the mail server is down',
      report: { title: 'Outage', publishedOn: addDays(ukToday(), -1), url: 'https://example.org/outage' },
      optionalSections: [],
    });
    const addresses = ['down1@example.org', 'down2@example.org', 'down3@example.org'];
    for (const email of addresses) await api(server.url, pcc, 'POST', `/api/responses/${created.body.id}/members`, { email, role: 'pcc', capacity: 'viewer' });
    // Tried and failed: waiting in the outbox with the error.
    await waitFor(async () => {
      const outbox = await api<{ mails: Array<{ to: { address: string }; state: string; attempts: number; lastError: string | null }> }>(server.url, pcc, 'GET', '/api/outbox');
      const ours = outbox.body.mails.filter((m) => addresses.includes(m.to.address));
      expect(ours).toHaveLength(3);
      for (const m of ours) {
        expect(m.state).toBe('pending');
        expect(m.attempts).toBeGreaterThanOrEqual(1);
        expect(m.lastError).toBeTruthy();
      }
    });
    expect(mail.mails.length).toBe(sent);

    // Up again, but busy: "451 try again later" for a while.
    mail.mode = 'tempfail';
    await mail.startAgain();
    await waitFor(() => expect(mail.refused).toBeGreaterThanOrEqual(1));
    mail.mode = 'accept';
    for (const email of addresses) await mail.waitForMail(email, /^Invitation/);
    await api(server.url, pcc, 'POST', `/api/responses/${created.body.id}/members`, { email: 'after@example.org', role: 'pcc', capacity: 'viewer' });
    await mail.waitForMail('after@example.org', /^Invitation/);
    for (const email of addresses) expect(mail.to(email)).toHaveLength(1);
    expect(duplicates()).toEqual([]);
    const outbox = await api<{ mails: Array<{ to: { address: string }; state: string }> }>(server.url, pcc, 'GET', '/api/outbox');
    expect(outbox.body.mails.filter((m) => addresses.includes(m.to.address)).map((m) => m.state)).toEqual(['sent', 'sent', 'sent']);
  });
});
