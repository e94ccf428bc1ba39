// Notifications in the app: a list per person with an unread count, pushed live to every page
// they have open (the user's own event socket and the response pages'), marked read; the
// preferences of each kind; and, without a mail server, the outbox kept for the installation's
// administrators only.
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { ResponseDetail, ServerEvent, Suggestion } from '../../shared/api';
import { NOTIFICATION_KINDS } from '../../shared/notifications';
import { api, appendParagraph, connectSection, login, sampleResponse, serverRoundTrip, type SectionClient } from '../helpers/clients';
import { startTestServer, type TestServer } from '../helpers/server';
import { waitFor } from '../helpers/waitFor';

let server: TestServer;
let pcc: string;
let officer: string;
let chief: string;
let recent: ResponseDetail;
const sockets: WebSocket[] = [];
const clients: SectionClient[] = [];

/** Opens an event socket and records what it receives. */
async function events(cookie: string, path: string): Promise<ServerEvent[]> {
  const received: ServerEvent[] = [];
  const socket = new WebSocket(`${server.url.replace(/^http/, 'ws')}${path}`, { headers: { cookie, origin: server.url } });
  sockets.push(socket);
  socket.on('message', (data) => received.push(JSON.parse(String(data)) as ServerEvent));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return received;
}

beforeAll(async () => {
  server = await startTestServer();
  pcc = await login(server.url, 'pcc@example.org');
  officer = await login(server.url, 'officer@example.org');
  chief = await login(server.url, 'chief@example.org');
  const sample = await sampleResponse(server.url, pcc);
  const list = await api<{ responses: Array<{ id: string }> }>(server.url, pcc, 'GET', '/api/responses');
  recent = (await api<ResponseDetail>(server.url, pcc, 'GET', `/api/responses/${list.body.responses.find((r) => r.id !== sample.id)!.id}`)).body;
});

afterAll(async () => {
  for (const socket of sockets) socket.close();
  for (const client of clients) client.destroy();
  await server?.dispose();
});

describe('notifications', () => {
  it('lists a new notification with its place, counts it unread and pushes it live to every open page of its recipient', async () => {
    const own = await events(pcc, '/events');
    const onResponsePage = await events(pcc, `/events/${recent.id}`);
    const someoneElse = await events(chief, '/events');
    const section = recent.sections.find((s) => s.ownerRole === 'pcc')!;
    const writer = connectSection(server.url, officer, recent.id, section.id);
    clients.push(writer);
    await waitFor(() => expect(writer.provider.synced).toBe(true));
    appendParagraph(writer.doc, 'A first draft.');
    await serverRoundTrip(writer.provider);
    expect((await api(server.url, officer, 'POST', `/api/responses/${recent.id}/sections/${section.id}/request-signoff`, {})).status).toBe(200);

    const listed = await api<{ notifications: Array<Record<string, unknown>>; unread: number; nextBefore: number | null }>(server.url, pcc, 'GET', '/api/notifications');
    expect(listed.body.unread, JSON.stringify(listed.body.notifications)).toBe(1);
    expect(listed.body.nextBefore).toBeNull();
    expect(listed.body.notifications[0]).toMatchObject({
      kind: 'ready_for_signoff',
      title: `Robin Shah asks you to sign off “${section.title}”`,
      actorName: 'Robin Shah',
      responseId: recent.id,
      path: `/responses/${recent.id}#section-${section.id}`,
      read: false,
    });
    for (const received of [own, onResponsePage]) {
      await waitFor(() => expect(received.filter((e) => e.type === 'notification')).toEqual([{ type: 'notification', notification: listed.body.notifications[0], unread: 1 }]));
    }
    expect(someoneElse.filter((e) => e.type === 'notification')).toEqual([]);
    // The drafter who asked is told nothing.
    expect((await api<{ unread: number }>(server.url, officer, 'GET', '/api/notifications')).body.unread).toBe(0);

    const id = listed.body.notifications[0]!.id as number;
    expect((await api(server.url, chief, 'POST', '/api/notifications/read', { ids: [id] })).body).toEqual({ unread: 0 });
    expect((await api<{ unread: number }>(server.url, pcc, 'GET', '/api/notifications')).body.unread).toBe(1);
    expect((await api(server.url, pcc, 'POST', '/api/notifications/read', { ids: [id] })).body).toEqual({ unread: 0 });
    expect((await api<{ notifications: Array<{ read: boolean }> }>(server.url, pcc, 'GET', '/api/notifications')).body.notifications[0]!.read).toBe(true);
  });

  it('tells someone with an account of an invitation, in the app too', async () => {
    const created = await api(server.url, pcc, 'POST', '/api/responses', {
      title: 'A new response',
      report: { title: 'A report', publishedOn: '2026-11-01', url: 'https://example.org/r' },
      optionalSections: [],
    });
    await api(server.url, pcc, 'POST', `/api/responses/${(created.body as { id: string }).id}/members`, { email: 'chief@example.org', role: 'chief_constable', capacity: 'signatory' });
    const listed = await api<{ notifications: Array<{ kind: string; path: string; title: string }> }>(server.url, chief, 'GET', '/api/notifications');
    expect(listed.body.notifications[0]).toMatchObject({ kind: 'invitation', path: '/#invitations', title: 'Alex Morgan invited you to “A new response” as Chief Constable (signatory)' });
  });

  it('keeps preferences per kind, immediate by default, and refuses unknown ones', async () => {
    const initial = await api<{ preferences: Record<string, string> }>(server.url, chief, 'GET', '/api/notification-preferences');
    expect(Object.values(initial.body.preferences)).toEqual(Array(NOTIFICATION_KINDS.length).fill('immediate'));
    const changed = await api<{ preferences: Record<string, string> }>(server.url, chief, 'PUT', '/api/notification-preferences', { preferences: { reply: 'digest', reminder: 'none' } });
    expect(changed.body.preferences).toMatchObject({ reply: 'digest', reminder: 'none', mentioned: 'immediate' });
    expect((await api(server.url, chief, 'PUT', '/api/notification-preferences', { preferences: { reply: 'weekly' } })).status).toBe(400);
    expect((await api(server.url, chief, 'PUT', '/api/notification-preferences', { preferences: { birthdays: 'none' } })).status).toBe(400);
    expect((await api<{ preferences: Record<string, string> }>(server.url, pcc, 'GET', '/api/notification-preferences')).body.preferences.reply).toBe('immediate');
  });
});

/** An anchor on `quote` in a section's first paragraph, as the browser binds a passage. */
function anchorOn(doc: Y.Doc, quote: string): { start: string; end: string } {
  const text = (doc.getXmlFragment('default').get(0) as Y.XmlElement).get(0) as Y.XmlText;
  const at = text.toString().indexOf(quote);
  if (at < 0) throw new Error(`"${quote}" is not in the first paragraph`);
  const encode = (index: number, assoc: number) => Buffer.from(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, index, assoc))).toString('base64');
  return { start: encode(at, 0), end: encode(at + quote.length, -1) };
}

type Listed = { notifications: Array<{ kind: string; title: string; detail: string; path: string }> };

describe('suggestions', () => {
  it("tells the section's writers of a member's suggestions once an hour, and the suggester of the decisions", async () => {
    const sample = await sampleResponse(server.url, pcc);
    const section = sample.sections.find((s) => s.ownerRole === 'pcc')!;
    const reader = connectSection(server.url, chief, sample.id, section.id);
    clients.push(reader);
    await waitFor(() => expect(reader.provider.synced).toBe(true));
    const suggest = (quote: string, insert: string) =>
      api<Suggestion>(server.url, chief, 'POST', `/api/responses/${sample.id}/sections/${section.id}/suggestions`, { anchor: anchorOn(reader.doc, quote), insert });
    const first = await suggest('I am writing to you', 'I write to you');
    const second = await suggest('thank you', 'thank HMICFRS');
    expect([first.status, second.status]).toEqual([201, 201]);

    // The PCC (signatory) and the policy officer (drafter) write the section: each is told once.
    for (const writer of [pcc, officer]) {
      const suggested = (await api<Listed>(server.url, writer, 'GET', '/api/notifications')).body.notifications.filter((n) => n.kind === 'suggested');
      expect(suggested).toHaveLength(1);
      expect(suggested[0]).toMatchObject({
        title: `Sam Taylor suggests changes to “${section.title}”`,
        detail: 'replace "I am writing to you" with "I write to you"',
        path: `/responses/${sample.id}#section-${section.id}`,
      });
    }
    // The suggester and those who cannot decide are not.
    expect((await api<Listed>(server.url, chief, 'GET', '/api/notifications')).body.notifications.filter((n) => n.kind === 'suggested')).toEqual([]);
    const mails = await api<{ mails: Array<{ kind: string; to: { address: string } }> }>(server.url, pcc, 'GET', '/api/outbox');
    expect(mails.body.mails.filter((m) => m.kind === 'suggested').map((m) => m.to.address).sort()).toEqual(['officer@example.org', 'pcc@example.org']);

    // Each decision reaches the suggester, one notice per decision an hour.
    expect((await api(server.url, pcc, 'POST', `/api/responses/${sample.id}/suggestions/${first.body.id}/reject`)).status).toBe(200);
    expect((await api(server.url, pcc, 'POST', `/api/responses/${sample.id}/suggestions/${second.body.id}/accept`)).status).toBe(200);
    const decided = (await api<Listed>(server.url, chief, 'GET', '/api/notifications')).body.notifications.filter((n) => n.kind === 'suggestion_decided');
    expect(decided.map((n) => n.title).sort()).toEqual([
      `Alex Morgan accepted your suggestion on “${section.title}”`,
      `Alex Morgan rejected your suggestion on “${section.title}”`,
    ]);

    // A reply to a suggestion tells the suggester, and the member it mentions.
    const lead = await login(server.url, 'lead@example.org');
    const leadId = (await api<{ user: { id: string } }>(server.url, lead, 'GET', '/api/session')).body.user.id;
    const reply = await api(server.url, pcc, 'POST', `/api/responses/${sample.id}/suggestions/${first.body.id}/comments`, { body: '@Jordan Lee, what do you think?', mentions: [leadId] });
    expect(reply.status).toBe(201);
    const told = async (cookie: string, kind: string) => (await api<Listed>(server.url, cookie, 'GET', '/api/notifications')).body.notifications.filter((n) => n.kind === kind);
    expect(await told(chief, 'reply')).toMatchObject([{ title: `Alex Morgan replied in a suggestion on “${section.title}”`, path: `/responses/${sample.id}#section-${section.id}` }]);
    expect(await told(lead, 'mentioned')).toMatchObject([{ title: `Alex Morgan mentioned you in a comment on “${section.title}”`, detail: '@Jordan Lee, what do you think?' }]);
    const stranger = await api(server.url, pcc, 'POST', `/api/responses/${sample.id}/suggestions/${first.body.id}/comments`, { body: 'Hello', mentions: ['AAAAAAAAAAAAAAAA'] });
    expect(stranger.status).toBe(400);
  });
});

describe('the outbox without a mail server', () => {
  it('holds every mail and shows it to the installation’s administrators only', async () => {
    const outbox = await api<{ mails: Array<{ kind: string; state: string; to: { address: string }; text: string }>; smtpConfigured: boolean }>(server.url, pcc, 'GET', '/api/outbox');
    expect(outbox.status).toBe(200);
    expect(outbox.body.smtpConfigured).toBe(false);
    const ready = outbox.body.mails.find((m) => m.kind === 'ready_for_signoff')!;
    expect(ready).toMatchObject({ state: 'held', to: { address: 'pcc@example.org' } });
    expect(outbox.body.mails.every((m) => m.state === 'held')).toBe(true);
    expect((await api(server.url, chief, 'GET', '/api/outbox')).status).toBe(403);
    expect((await api(server.url, null, 'GET', '/api/outbox')).status).toBe(401);
  });
});
