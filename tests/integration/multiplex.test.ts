// The multiplexed socket (`/sync/<responseId>`, issue 14): one socket carries every section of a
// response page, each section a channel with the rules of a section's own socket (write gate,
// acks, locks, removal), plus the page's events. Real server, real sockets; the client is the
// small protocol client of tests/helpers/multiplexClient.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docFromUpdates } from '../../server/content/sectionContent';
import { MAX_MESSAGE_BURST, MAX_MESSAGES_PER_SECOND } from '../../server/sync/limits';
import type { ResponseDetail } from '../../shared/api';
import { encodeControl } from '../../shared/channelMessages';
import {
  CLOSE_ACCESS_CHANGED,
  CLOSE_CHANNEL_LEFT,
  CLOSE_FORBIDDEN,
  CLOSE_MALFORMED,
  CLOSE_SECTION_REMOVED,
  CLOSE_UNAUTHENTICATED,
  WRITE_REFUSED,
  WRITE_STORED,
} from '../../shared/protocol';
import { api, appendParagraph, connectSection, fragmentText, insertText, login, sampleResponse, serverRoundTrip, type SectionClient } from '../helpers/clients';
import { createLargeResponse } from '../helpers/largeResponse';
import { MultiplexClient, type TestChannel } from '../helpers/multiplexClient';
import { startTestServer, type TestServer } from '../helpers/server';
import { waitFor } from '../helpers/waitFor';

const PCC_SECTION = "Police and Crime Commissioner's comments";
const CHIEF_SECTION = 'Chief Officer comments';

let server: TestServer;
let pcc: string;
let chief: string;
let viewer: string;
let sample: ResponseDetail;
/** A response of the standard sections and six recommendations owned by the chief constable. */
let large: ResponseDetail;
const sockets: MultiplexClient[] = [];
const providers: SectionClient[] = [];

async function openSocket(cookie: string, responseId: string): Promise<MultiplexClient> {
  const client = await MultiplexClient.open(server.url, cookie, responseId);
  sockets.push(client);
  return client;
}

function synced(...channels: TestChannel[]): Promise<void> {
  return waitFor(() => {
    for (const channel of channels) expect(channel.synced, channel.sectionId).toBe(true);
  });
}

async function storedText(sectionId: string): Promise<string> {
  return fragmentText(docFromUpdates(await server.server.context.store.updates.load(sectionId)));
}

function sectionOf(response: ResponseDetail, title: string) {
  const found = response.sections.find((s) => s.title === title);
  if (!found) throw new Error(`no section "${title}"`);
  return found;
}

function recommendations(response: ResponseDetail) {
  return response.sections.filter((s) => s.kind === 'recommendation');
}

/** The acks a channel got since `from`, once the server has answered everything sent so far. */
async function acksAfter(channel: TestChannel, from: number) {
  await channel.roundTrip();
  return channel.acks.slice(from);
}

beforeAll(async () => {
  server = await startTestServer();
  pcc = await login(server.url, 'pcc@example.org');
  chief = await login(server.url, 'chief@example.org');
  viewer = await login(server.url, 'viewer@example.org');
  sample = await sampleResponse(server.url, pcc);
  large = await createLargeResponse(server.url, pcc, { recommendations: 6, ownerRole: 'chief_constable' });
}, 60_000);

afterAll(async () => {
  for (const socket of sockets) socket.close();
  for (const provider of providers) provider.destroy();
  await server?.dispose();
});

describe('one socket per response page', () => {
  it('carries every section of a response, each synced with its stored text, and the page events', async () => {
    const socket = await openSocket(pcc, sample.id);
    const channels = sample.sections.map((section) => socket.open(section.id));
    await synced(...channels);
    for (const channel of channels) expect(channel.text()).toBe(await storedText(channel.sectionId));
    expect(channels.some((channel) => channel.text().includes('I am writing to you to acknowledge'))).toBe(true);
    // The events a page's event socket would get arrive on the control channel.
    const me = sample.members.find((member) => member.email === 'pcc@example.org')!.userId;
    await waitFor(() => expect(socket.events).toContainEqual({ type: 'presence', online: expect.arrayContaining([me]) }));
  });

  it('stores and relays a write to an owned section, and refuses one to a foreign section on the same socket', async () => {
    const socket = await openSocket(chief, sample.id);
    const own = socket.open(sectionOf(sample, CHIEF_SECTION).id);
    const foreign = socket.open(sectionOf(sample, PCC_SECTION).id);
    // A standard y-websocket client of the per-section endpoint, alongside.
    const observer = connectSection(server.url, pcc, sample.id, own.sectionId);
    providers.push(observer);
    await synced(own, foreign);
    await waitFor(() => expect(observer.provider.synced).toBe(true));
    const foreignBefore = await storedText(foreign.sectionId);
    const ownAcks = own.acks.length;
    const foreignAcks = foreign.acks.length;

    insertText(own.doc, 0, 'Written by the chief on the shared socket. ');
    insertText(foreign.doc, 0, 'The chief intrudes. ');

    expect(await acksAfter(own, ownAcks)).toEqual([{ status: WRITE_STORED, reason: '' }]);
    expect(await acksAfter(foreign, foreignAcks)).toEqual([{ status: WRITE_REFUSED, reason: expect.stringMatching(/read-only/) }]);
    expect(await storedText(own.sectionId)).toContain('Written by the chief on the shared socket. ');
    expect(await storedText(foreign.sectionId)).toBe(foreignBefore);
    await waitFor(() => expect(observer.text()).toContain('Written by the chief on the shared socket. '));
    // Refused, not cut off: the channel and the socket stay open.
    expect(foreign.isOpen).toBe(true);
    expect(own.isOpen).toBe(true);
  });

  it("keeps a viewer's channels read-only", async () => {
    const socket = await openSocket(viewer, sample.id);
    const channels = sample.sections.slice(0, 3).map((section) => socket.open(section.id));
    await synced(...channels);
    for (const channel of channels) {
      const before = await storedText(channel.sectionId);
      const from = channel.acks.length;
      insertText(channel.doc, 0, 'A viewer writes. ');
      expect(await acksAfter(channel, from)).toEqual([{ status: WRITE_REFUSED, reason: expect.stringMatching(/read-only/) }]);
      expect(await storedText(channel.sectionId)).toBe(before);
      expect(channel.isOpen).toBe(true);
    }
  });

  it('works beside the per-section endpoint: an edit on either reaches the other', async () => {
    const sectionId = sectionOf(sample, PCC_SECTION).id;
    const socket = await openSocket(pcc, sample.id);
    const channel = socket.open(sectionId);
    const officer = connectSection(server.url, await login(server.url, 'officer@example.org'), sample.id, sectionId, { acks: '1' });
    providers.push(officer);
    await synced(channel);
    await waitFor(() => expect(officer.provider.synced).toBe(true));

    insertText(channel.doc, 0, 'From the channel. ');
    await waitFor(() => expect(officer.text()).toContain('From the channel. '));
    insertText(officer.doc, 0, 'From the section socket. ');
    await waitFor(() => expect(channel.text()).toContain('From the section socket. '));
    expect(channel.text()).toBe(officer.text());
    expect(await storedText(sectionId)).toBe(channel.text());
  });

  it('a sign-off closes only that channel (4100); reopened it is read-only, the others stay writable, and the page is told', async () => {
    const socket = await openSocket(chief, large.id);
    const channels = large.sections.map((section) => socket.open(section.id));
    await synced(...channels);
    const [first, second] = recommendations(large).map((section) => channels.find((channel) => channel.sectionId === section.id)!);
    insertText(first!.doc, 0, 'We will act on this by March 2027.');
    insertText(second!.doc, 0, 'We accept this recommendation.');
    await first!.roundTrip();
    await second!.roundTrip();
    const eventsBefore = socket.events.length;

    const signed = await api(server.url, chief, 'POST', `/api/responses/${large.id}/sections/${first!.sectionId}/signoff`);
    expect(signed.status, JSON.stringify(signed.body)).toBe(200);
    await waitFor(() => expect(first!.closed).toEqual({ code: CLOSE_ACCESS_CHANGED, reason: expect.any(String) }));
    for (const channel of channels) if (channel !== first) expect(channel.closed, channel.sectionId).toBeNull();
    expect(socket.isOpen).toBe(true);
    await waitFor(() => expect(socket.events.slice(eventsBefore)).toContainEqual({ type: 'changed', reason: 'signoff' }));

    // As the code says, the client opens the channel again: now read-only.
    const reopened = socket.open(first!.sectionId, first!.doc);
    await synced(reopened);
    const lockedText = await storedText(first!.sectionId);
    const from = reopened.acks.length;
    insertText(reopened.doc, 0, 'After the sign-off. ');
    expect(await acksAfter(reopened, from)).toEqual([{ status: WRITE_REFUSED, reason: expect.stringMatching(/read-only/) }]);
    expect(await storedText(first!.sectionId)).toBe(lockedText);

    const secondFrom = second!.acks.length;
    insertText(second!.doc, 0, 'Still writable. ');
    expect(await acksAfter(second!, secondFrom)).toEqual([{ status: WRITE_STORED, reason: '' }]);
    expect(await storedText(second!.sectionId)).toContain('Still writable. ');
  });

  it('removing a section closes its channel with 4404, and only that one', async () => {
    const socket = await openSocket(pcc, large.id);
    const channels = large.sections.map((section) => socket.open(section.id));
    await synced(...channels);
    const removed = recommendations(large)[2]!;
    const removedChannel = channels.find((channel) => channel.sectionId === removed.id)!;

    const deleted = await api(server.url, pcc, 'DELETE', `/api/responses/${large.id}/sections/${removed.id}`);
    expect(deleted.status, JSON.stringify(deleted.body)).toBe(204);
    await waitFor(() => expect(removedChannel.closed?.code).toBe(CLOSE_SECTION_REMOVED));
    for (const channel of channels) if (channel !== removedChannel) expect(channel.closed, channel.sectionId).toBeNull();

    const own = channels.find((channel) => channel.sectionId === sectionOf(large, PCC_SECTION).id)!;
    const from = own.acks.length;
    insertText(own.doc, 0, 'The PCC carries on. ');
    expect(await acksAfter(own, from)).toEqual([{ status: WRITE_STORED, reason: '' }]);
    // Opening it again is refused on that channel alone.
    const again = socket.open(removed.id);
    await waitFor(() => expect(again.closed?.code).toBe(CLOSE_SECTION_REMOVED));
    expect(socket.isOpen).toBe(true);
  });

  it('refuses the socket without a session (401), from a foreign origin (403), and to a non-member or an unknown response (404)', async () => {
    // A response the chief constable creates has no other member yet.
    const created = await api<ResponseDetail>(server.url, chief, 'POST', '/api/responses', {
      title: 'The chief constable’s own response',
      report: { title: 'A report', publishedOn: '2026-11-20', url: 'https://www.example.org/report' },
    });
    expect(created.status).toBe(201);
    expect(await MultiplexClient.connect(server.url, '', sample.id)).toEqual({ refused: 401 });
    expect(await MultiplexClient.connect(server.url, pcc, sample.id, { origin: 'http://evil.example' })).toEqual({ refused: 403 });
    expect(await MultiplexClient.connect(server.url, pcc, created.body.id)).toEqual({ refused: 404 });
    expect(await MultiplexClient.connect(server.url, pcc, 'no-such-response')).toEqual({ refused: 404 });
  });

  it('cannot open a section of another response: that channel alone is closed with 4404', async () => {
    const socket = await openSocket(pcc, sample.id);
    const ownSection = socket.open(sectionOf(sample, PCC_SECTION).id);
    const elsewhere = socket.open(sectionOf(large, PCC_SECTION).id);
    const malformedId = socket.open('../../etc');
    await waitFor(() => expect(elsewhere.closed?.code).toBe(CLOSE_SECTION_REMOVED));
    await waitFor(() => expect(malformedId.closed?.code).toBe(CLOSE_SECTION_REMOVED));
    await synced(ownSection);
    expect(elsewhere.synced).toBe(false);
    expect(elsewhere.text()).toBe('');
    expect(ownSection.isOpen).toBe(true);
  });

  it('answers a channel the client leaves with CLOSE_CHANNEL_LEFT, and opens it again afresh', async () => {
    const socket = await openSocket(chief, sample.id);
    const sectionId = sectionOf(sample, CHIEF_SECTION).id;
    const first = socket.open(sectionId);
    await synced(first);
    socket.leave(sectionId);
    // Opened again at once: the first open's CLOSED comes first, and the new channel syncs.
    const second = socket.open(sectionId);
    await waitFor(() => expect(first.closed?.code).toBe(CLOSE_CHANNEL_LEFT));
    await synced(second);
    const from = second.acks.length;
    insertText(second.doc, 0, 'Opened again. ');
    expect(await acksAfter(second, from)).toEqual([{ status: WRITE_STORED, reason: '' }]);
    expect(second.closed).toBeNull();
  });

  it("brings the user's own notifications on the control channel, whatever response the page shows, and nobody else's", async () => {
    // The PCC has another response open; the chief constable has this one open.
    const own = await openSocket(pcc, large.id);
    const someoneElse = await openSocket(chief, sample.id);
    const othersChannel = someoneElse.open(sectionOf(sample, CHIEF_SECTION).id);
    await synced(own.open(large.sections[0]!.id), othersChannel);
    const officer = await login(server.url, 'officer@example.org');
    const section = sectionOf(sample, PCC_SECTION);
    const writer = connectSection(server.url, officer, sample.id, section.id);
    providers.push(writer);
    await waitFor(() => expect(writer.provider.synced).toBe(true));
    appendParagraph(writer.doc, 'Ready for the commissioner.');
    await serverRoundTrip(writer.provider);
    const asked = await api(server.url, officer, 'POST', `/api/responses/${sample.id}/sections/${section.id}/request-signoff`, {});
    expect(asked.status, JSON.stringify(asked.body)).toBe(200);

    const listed = await api<{ notifications: Array<Record<string, unknown>>; unread: number }>(server.url, pcc, 'GET', '/api/notifications');
    const notification = listed.body.notifications.find((candidate) => candidate.kind === 'ready_for_signoff' && candidate.responseId === sample.id);
    expect(notification, JSON.stringify(listed.body)).toBeDefined();
    await waitFor(() =>
      expect(own.events.filter((event) => event.type === 'notification')).toContainEqual({ type: 'notification', notification, unread: listed.body.unread }),
    );
    await othersChannel.roundTrip();
    expect(someoneElse.events.filter((event) => event.type === 'notification')).toEqual([]);
  });

  it('closes the whole socket for a malformed control message (4400)', async () => {
    const socket = await openSocket(pcc, sample.id);
    socket.sendRaw(encodeControl({ type: 'event', json: '{}' }));
    expect(await socket.closedSocket).toBe(CLOSE_MALFORMED);
  });

  it('closes the socket of a session that signs out (4401), and of a member removed (4403)', async () => {
    const officer = await login(server.url, 'officer@example.org');
    const socket = await openSocket(officer, sample.id);
    const channel = socket.open(sectionOf(sample, PCC_SECTION).id);
    await synced(channel);
    expect((await api(server.url, officer, 'DELETE', '/api/session')).status).toBe(204);
    expect(await socket.closedSocket).toBe(CLOSE_UNAUTHENTICATED);

    const lead = await login(server.url, 'lead@example.org');
    const leadSocket = await openSocket(lead, large.id);
    await synced(leadSocket.open(large.sections[0]!.id));
    const leadId = large.members.find((member) => member.email === 'lead@example.org')!.userId;
    expect((await api(server.url, pcc, 'DELETE', `/api/responses/${large.id}/members/${leadId}`)).status).toBe(204);
    expect(await leadSocket.closedSocket).toBe(CLOSE_FORBIDDEN);
  });

  it('syncs 100 sections on one socket, each written and stored', async () => {
    const hundred = await createLargeResponse(server.url, pcc, { recommendations: 94, ownerRole: 'chief_constable' });
    expect(hundred.sections).toHaveLength(100);
    const socket = await openSocket(chief, hundred.id);
    const channels = hundred.sections.map((section) => socket.open(section.id));
    await synced(...channels);
    const owned = channels.filter((channel) => recommendations(hundred).some((section) => section.id === channel.sectionId));
    for (const channel of owned) insertText(channel.doc, 0, `Response to ${channel.sectionId}.`);
    await Promise.all(owned.map((channel) => channel.roundTrip()));
    for (const channel of owned) expect(await storedText(channel.sectionId)).toBe(`Response to ${channel.sectionId}.`);
  });

  it('delivers offline edits of several sections when the socket is back', async () => {
    const owned = recommendations(large).slice(3, 6);
    const socket = await openSocket(chief, large.id);
    const channels = owned.map((section) => socket.open(section.id));
    await synced(...channels);
    socket.close();
    await socket.closedSocket;

    // Typed with no connection, each into its section's document as the page keeps it.
    for (const [index, channel] of channels.entries()) insertText(channel.doc, 0, `Offline edit ${index}. `);
    const observer = await openSocket(pcc, large.id);
    const observed = owned.map((section) => observer.open(section.id));
    await synced(...observed);

    const back = await openSocket(chief, large.id);
    const reopened = channels.map((channel) => back.open(channel.sectionId, channel.doc));
    await synced(...reopened);
    await Promise.all(reopened.map((channel) => channel.roundTrip()));
    for (const [index, channel] of reopened.entries()) {
      expect(channel.acks.every((ack) => ack.status === WRITE_STORED)).toBe(true);
      expect(await storedText(channel.sectionId)).toContain(`Offline edit ${index}. `);
      await waitFor(() => expect(observed[index]!.text()).toBe(channel.text()));
    }
  });

  it(
    'slows a client that sends faster than any would, never closes it, and loses nothing it sent',
    async () => {
      // Those still open to the chief (an earlier test signed the first off and removed the third).
      const owned = [1, 3, 4, 5].map((index) => recommendations(large)[index]!);
      const socket = await openSocket(chief, large.id);
      const channels = owned.map((section) => socket.open(section.id));
      await synced(...channels);
      await Promise.all(channels.map((channel) => channel.roundTrip()));
      const acksBefore = channels.map((channel) => channel.acks.length);

      // More frames than the socket's burst allowance, spread over channels so that none of
      // them alone is over its own: only the socket's total is.
      const frames = MAX_MESSAGE_BURST + 4_000;
      const started = Date.now();
      for (let i = 0; i < frames; i++) insertText(channels[i % channels.length]!.doc, 0, `${i % 10}`);
      await waitFor(
        () => {
          for (const [index, channel] of channels.entries()) expect(channel.acks.length - acksBefore[index]!).toBe(frames / channels.length);
        },
        120_000,
        100,
      );
      const elapsed = Date.now() - started;

      // The server cannot have read them faster than its allowance refills.
      expect(elapsed).toBeGreaterThanOrEqual(((frames - MAX_MESSAGE_BURST) / MAX_MESSAGES_PER_SECOND) * 1000 * 0.9);
      expect(socket.closeCode).toBeNull();
      for (const [index, channel] of channels.entries()) {
        expect(channel.acks.slice(acksBefore[index]).filter((ack) => ack.status !== WRITE_STORED)).toEqual([]);
        expect(await storedText(channel.sectionId)).toBe(channel.text());
      }
    },
    180_000,
  );
});
