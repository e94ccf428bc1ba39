// Server-enforced section ownership: who may open a section's sync room, who may write it, and
// who the presence of a connection says it is. Real server, real sockets, real providers; the
// clients below bypass any UI and speak the y-websocket protocol directly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import type { CloseEvent } from 'ws';
import { docFromUpdates } from '../../server/content/sectionContent';
import type { AuditEvent, ResponseDetail } from '../../shared/api';
import { CLOSE_FORBIDDEN, CLOSE_UNAUTHENTICATED, MESSAGE_AWARENESS, WRITE_REFUSED, WRITE_STORED } from '../../shared/protocol';
import {
  addExistingMember,
  api,
  connectSection,
  fragmentText,
  insertText,
  inviteUser,
  login,
  openRawSocket,
  recordWriteAcks,
  sampleResponse,
  serverRoundTrip,
  type SectionClient,
} from '../helpers/clients';
import { startTestServer, type TestServer } from '../helpers/server';
import { waitFor } from '../helpers/waitFor';

let server: TestServer;
let pccCookie: string;
let chiefCookie: string;
let viewerCookie: string;
let leadCookie: string;
let sample: ResponseDetail;
/** The demo's second response (empty sections), where the outsider below is a member. */
let otherResponseId: string;
/** A user created by invitation to the second response only. */
let outsider: { user: { id: string; name: string }; cookie: string };
const clients: SectionClient[] = [];

function open(cookie: string, sectionId: string, params: Record<string, string> = {}): SectionClient {
  const client = connectSection(server.url, cookie, sample.id, sectionId, params);
  clients.push(client);
  return client;
}

function synced(client: SectionClient): Promise<void> {
  return waitFor(() => expect(client.provider.synced).toBe(true));
}

async function storedText(sectionId: string): Promise<string> {
  return fragmentText(docFromUpdates(await server.server.context.store.updates.load(sectionId)));
}

/** The text of the room's document in the server's memory (what it would relay and store). */
function roomText(sectionId: string): string {
  const room = server.server.context.sync.rooms.find(sample.id, sectionId);
  if (!room) throw new Error('room not loaded');
  return fragmentText(room.doc);
}

/** Close codes a provider saw, oldest first. */
function closeCodes(client: SectionClient): number[] {
  const codes: number[] = [];
  client.provider.on('connection-close', (event) => codes.push((event as CloseEvent | null)?.code ?? -1));
  return codes;
}

function section(title: string) {
  const found = sample.sections.find((s) => s.title === title);
  if (!found) throw new Error(`no section "${title}"`);
  return found;
}

beforeAll(async () => {
  server = await startTestServer();
  pccCookie = await login(server.url, 'pcc@example.org');
  chiefCookie = await login(server.url, 'chief@example.org');
  viewerCookie = await login(server.url, 'viewer@example.org');
  leadCookie = await login(server.url, 'lead@example.org');
  sample = await sampleResponse(server.url, pccCookie);
  const list = await api<{ responses: Array<{ id: string }> }>(server.url, pccCookie, 'GET', '/api/responses');
  otherResponseId = list.body.responses.find((r) => r.id !== sample.id)!.id;
  outsider = await inviteUser(server.url, pccCookie, otherResponseId, {
    email: 'outsider@example.org',
    role: 'pcc',
    capacity: 'drafter',
    name: 'Olive Outsider',
  });
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await server?.dispose();
});

describe('section ownership on the sync server', () => {
  it("drops a chief constable's well-formed edit to the PCC's section, keeping the socket open", async () => {
    const pccSection = section("Police and Crime Commissioner's comments");
    const pccA = open(pccCookie, pccSection.id);
    const pccB = open(pccCookie, pccSection.id);
    const chief = open(chiefCookie, pccSection.id);
    const chiefCloses = closeCodes(chief);
    await Promise.all([synced(pccA), synced(pccB), synced(chief)]);
    const before = await storedText(pccSection.id);
    expect(before).toContain('I am writing to you to acknowledge');
    expect(chief.text()).toBe(before); // the chief may read it

    insertText(chief.doc, 0, 'CHIEF WAS HERE ');
    expect(chief.text().startsWith('CHIEF WAS HERE ')).toBe(true);
    // The server has now handled the chief's update frame...
    await serverRoundTrip(chief.provider);
    // ...and a later edit by the owner travels through the room to the other client and to storage.
    insertText(pccA.doc, 0, 'PCC MARKER ');
    await waitFor(async () => {
      expect(pccB.text().startsWith('PCC MARKER ')).toBe(true);
      expect(await storedText(pccSection.id)).toContain('PCC MARKER ');
    });
    // And anything relayed to pccB for the chief's frame would have arrived by now.
    await serverRoundTrip(pccB.provider);

    expect(await storedText(pccSection.id)).toBe(`PCC MARKER ${before}`);
    expect(roomText(pccSection.id)).toBe(`PCC MARKER ${before}`);
    expect(pccA.text()).toBe(`PCC MARKER ${before}`);
    expect(pccB.text()).toBe(`PCC MARKER ${before}`);
    // Only the chief's own copy has the chief's text (plus the PCC's, which it may read).
    expect(chief.text()).toContain('CHIEF WAS HERE ');
    expect(chief.text()).toContain('PCC MARKER ');

    // Dropped, not disconnected.
    expect(chiefCloses).toEqual([]);
    expect(chief.provider.wsconnected).toBe(true);
    expect(chief.provider.ws?.readyState).toBe(chief.provider.ws?.OPEN);
  });

  it('stores and relays the chief constable\'s edit to "Chief Officer comments"', async () => {
    const chiefSection = section('Chief Officer comments');
    const chief = open(chiefCookie, chiefSection.id);
    const pcc = open(pccCookie, chiefSection.id);
    await Promise.all([synced(chief), synced(pcc)]);
    const before = await storedText(chiefSection.id);
    insertText(chief.doc, 0, 'Chief edit. ');
    await waitFor(async () => {
      expect(pcc.text()).toBe(`Chief edit. ${before}`);
      expect(await storedText(chiefSection.id)).toBe(`Chief edit. ${before}`);
    });
  });

  it('refuses the upgrade without a session, with an ended session, to a non-member and from a foreign Origin', async () => {
    const path = `/sync/${sample.id}/${section("Police and Crime Commissioner's comments").id}`;

    expect(await openRawSocket(server.url, path, {})).toEqual({ refused: 401 });

    const staleCookie = await login(server.url, 'officer@example.org');
    const control = await openRawSocket(server.url, path, { cookie: staleCookie });
    expect('socket' in control).toBe(true);
    if ('socket' in control) control.socket.close();
    expect((await api(server.url, staleCookie, 'DELETE', '/api/session')).status).toBe(204);
    expect(await openRawSocket(server.url, path, { cookie: staleCookie })).toEqual({ refused: 401 });

    // The outsider is signed in and a member of the other response, but not of the sample.
    const ownRoom = await openRawSocket(server.url, `/sync/${otherResponseId}/${(await otherSectionId())}`, { cookie: outsider.cookie });
    expect('socket' in ownRoom).toBe(true);
    if ('socket' in ownRoom) ownRoom.socket.close();
    // As over HTTP, a response is not found by someone who is not its member (no 403 to tell it exists).
    expect(await openRawSocket(server.url, path, { cookie: outsider.cookie })).toEqual({ refused: 404 });

    // A valid session, but the upgrade comes from another site (cross-site WebSocket hijacking).
    expect(await openRawSocket(server.url, path, { cookie: pccCookie, origin: 'http://evil.example' })).toEqual({ refused: 403 });
    const sameOrigin = await openRawSocket(server.url, path, { cookie: pccCookie, origin: server.url });
    expect('socket' in sameOrigin).toBe(true);
    if ('socket' in sameOrigin) sameOrigin.socket.close();
  });

  it('closes the sync socket of a session that signs out (4401), for good', async () => {
    const cookie = await login(server.url, 'officer@example.org');
    const client = open(cookie, section("Police and Crime Commissioner's comments").id);
    const codes = closeCodes(client);
    await synced(client);
    expect((await api(server.url, cookie, 'DELETE', '/api/session')).status).toBe(204);
    await waitFor(() => expect(codes).toEqual([CLOSE_UNAUTHENTICATED]));
    expect(client.provider.shouldConnect).toBe(false);
  });

  it('lets a viewer read every section and write none', async () => {
    for (const target of sample.sections) {
      const viewer = open(viewerCookie, target.id);
      const observer = open(viewerCookie, target.id);
      await Promise.all([synced(viewer), synced(observer)]);
      const before = await storedText(target.id);
      expect(before.length).toBeGreaterThan(0);
      expect(viewer.text()).toBe(before);

      insertText(viewer.doc, 0, `VIEWER EDIT ${target.title}. `);
      await serverRoundTrip(viewer.provider);
      await serverRoundTrip(observer.provider);

      expect(await storedText(target.id), target.title).toBe(before);
      expect(roomText(target.id), target.title).toBe(before);
      expect(observer.text(), target.title).toBe(before);
      expect(viewer.provider.wsconnected).toBe(true);
    }
  });

  it('answers each write frame with MESSAGE_WRITE_ACK: WRITE_REFUSED when read-only, WRITE_STORED when stored', async () => {
    const pccSection = section("Police and Crime Commissioner's comments");
    const chiefSection = section('Chief Officer comments');

    const refused = open(chiefCookie, pccSection.id, { acks: '1' });
    const refusedAcks = recordWriteAcks(refused.provider);
    const stored = open(chiefCookie, chiefSection.id, { acks: '1' });
    const storedAcks = recordWriteAcks(stored.provider);
    await Promise.all([synced(refused), synced(stored)]);
    // Let the handshake's own frames be answered first.
    await serverRoundTrip(refused.provider);
    await serverRoundTrip(stored.provider);
    const refusedBefore = refusedAcks.length;
    const storedBefore = storedAcks.length;

    insertText(refused.doc, 0, 'Refused. ');
    insertText(stored.doc, 0, 'Stored. ');
    await serverRoundTrip(refused.provider);
    await serverRoundTrip(stored.provider);

    expect(refusedAcks.slice(refusedBefore)).toEqual([{ status: WRITE_REFUSED, reason: expect.stringMatching(/read-only/) }]);
    expect(storedAcks.slice(storedBefore)).toEqual([{ status: WRITE_STORED, reason: '' }]);
    expect(await storedText(pccSection.id)).not.toContain('Refused. ');
    expect(await storedText(chiefSection.id)).toContain('Stored. ');
  });

  it('stamps presence with who the server knows the connection to be', async () => {
    const pccSection = section("Police and Crime Commissioner's comments");
    const pcc = open(pccCookie, pccSection.id);
    const watcher = open(pccCookie, pccSection.id);
    const chief = open(chiefCookie, pccSection.id);
    await Promise.all([synced(pcc), synced(watcher), synced(chief)]);

    pcc.provider.awareness.setLocalStateField('cursor', null);
    chief.provider.awareness.setLocalStateField('user', { name: 'Mallory', role: 'pcc' });
    await waitFor(() => {
      const seen = watcher.provider.awareness.getStates().get(chief.doc.clientID) as { user?: { name?: string; role?: string } } | undefined;
      expect(seen?.user?.name).toBe('Sam Taylor');
      expect(seen?.user?.role).toBe('chief_constable');
      const pccSeen = watcher.provider.awareness.getStates().get(pcc.doc.clientID) as { user?: { name?: string } } | undefined;
      expect(pccSeen?.user?.name).toBe('Alex Morgan');
    });

    // The chief may not set presence for another connection's client id either: a raw
    // awareness update claiming the PCC client's id is dropped.
    const clock = (pcc.provider.awareness.meta.get(pcc.doc.clientID)?.clock ?? 0) + 5;
    const forged = encoding.createEncoder();
    encoding.writeVarUint(forged, 1);
    encoding.writeVarUint(forged, pcc.doc.clientID);
    encoding.writeVarUint(forged, clock);
    encoding.writeVarString(forged, JSON.stringify({ user: { name: 'Mallory', role: 'pcc' } }));
    const frame = encoding.createEncoder();
    encoding.writeVarUint(frame, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(frame, encoding.toUint8Array(forged));
    chief.provider.ws!.send(encoding.toUint8Array(frame));
    await serverRoundTrip(chief.provider);
    await serverRoundTrip(watcher.provider);

    const pccSeen = watcher.provider.awareness.getStates().get(pcc.doc.clientID) as { user?: { name?: string } } | undefined;
    expect(pccSeen?.user?.name).toBe('Alex Morgan');
    const chiefSeen = watcher.provider.awareness.getStates().get(chief.doc.clientID) as { user?: { name?: string } } | undefined;
    expect(chiefSeen?.user?.name).toBe('Sam Taylor');
    const names = [...watcher.provider.awareness.getStates().values()].map((state) => (state as { user?: { name?: string } }).user?.name);
    expect(names).not.toContain('Mallory');
  });

  it('closes the sync socket of a member the administrator removes (4403)', async () => {
    await addExistingMember(server.url, pccCookie, sample.id, outsider.cookie, { email: 'outsider@example.org', role: 'pcc', capacity: 'drafter' });
    const target = section('HMI comments');
    const member = open(outsider.cookie, target.id);
    const codes = closeCodes(member);
    await synced(member);
    insertText(member.doc, 0, 'Outsider draft. ');
    await waitFor(async () => expect(await storedText(target.id)).toContain('Outsider draft. '));

    const removed = await api(server.url, pccCookie, 'DELETE', `/api/responses/${sample.id}/members/${outsider.user.id}`);
    expect(removed.status).toBe(204);
    await waitFor(() => expect(codes).toEqual([CLOSE_FORBIDDEN]));
    // It is final: the provider does not come back, and a new upgrade is refused.
    expect(member.provider.shouldConnect).toBe(false);
    expect(await openRawSocket(server.url, `/sync/${sample.id}/${target.id}`, { cookie: outsider.cookie })).toEqual({ refused: 404 });
  });

  it('records a refused write in the activity log as write.refused', async () => {
    const audit = await api<{ events: AuditEvent[] }>(server.url, pccCookie, 'GET', `/api/responses/${sample.id}/audit`);
    expect(audit.status).toBe(200);
    const pccSection = section("Police and Crime Commissioner's comments");
    const refusedByChief = audit.body.events.filter(
      (event) => event.action === 'write.refused' && event.actor?.name === 'Sam Taylor' && event.sectionId === pccSection.id,
    );
    expect(refusedByChief.length).toBeGreaterThanOrEqual(1);
    const refusedByViewer = audit.body.events.filter((event) => event.action === 'write.refused' && event.actor?.name === 'Casey Brown');
    expect(refusedByViewer.length).toBeGreaterThanOrEqual(sample.sections.length);
  });

  it('does not record a read-only member who only reads as refusing a write', async () => {
    // The portfolio lead opens the PCC's section, syncs and reads; types nothing.
    const pccSection = section("Police and Crime Commissioner's comments");
    const lead = open(leadCookie, pccSection.id);
    await synced(lead);
    await serverRoundTrip(lead.provider);
    const audit = await api<{ events: AuditEvent[] }>(server.url, pccCookie, 'GET', `/api/responses/${sample.id}/audit`);
    const byLead = audit.body.events.filter((event) => event.action === 'write.refused' && event.actor?.name === 'Jordan Lee');
    expect(byLead).toEqual([]);
  });
});

async function otherSectionId(): Promise<string> {
  const detail = await api<ResponseDetail>(server.url, pccCookie, 'GET', `/api/responses/${otherResponseId}`);
  return detail.body.sections[0]!.id;
}
