// Section history from the server's own record: versions (sign-off, reopen, publication, named,
// automatic), what changed between two of them with who made each change, who wrote each
// passage now, and restoring a version as a forward change. Real server, real sockets.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { AuthorshipBody, ResponseDetail, Version, VersionDetailBody, VersionDiffBody } from '../../shared/api';
import { WRITE_REFUSED } from '../../shared/protocol';
import { canonicalJson, sectionJson } from '../../shared/sectionContent';
import {
  api,
  appendParagraph,
  connectSection,
  fragmentText,
  inviteUser,
  login,
  recordWriteAcks,
  sampleResponse,
  serverRoundTrip,
  type SectionClient,
} from '../helpers/clients';
import { startChildServer, type ChildServer } from '../helpers/childServer';
import { startTestServer, type TestServer } from '../helpers/server';
import { waitFor } from '../helpers/waitFor';

let server: TestServer;
let pcc: string;
let officer: string;
let viewer: string;
let chief: string;
let sample: ResponseDetail;
const clients: SectionClient[] = [];

const SECTION_TITLE = 'Portfolio lead comments';

function sectionOf(title: string) {
  const section = sample.sections.find((s) => s.title === title);
  if (!section) throw new Error(`no section ${title}`);
  return section;
}

function base(sectionId: string): string {
  return `/api/responses/${sample.id}/sections/${sectionId}`;
}

async function open(cookie: string, sectionId: string): Promise<SectionClient> {
  const client = connectSection(server.url, cookie, sample.id, sectionId, { acks: '1' });
  recordWriteAcks(client.provider);
  clients.push(client);
  await waitFor(() => expect(client.provider.synced).toBe(true));
  return client;
}

/** Replaces a section's whole text with one paragraph, as a writer would. */
function clearAndWrite(doc: Y.Doc, text: string): void {
  const fragment = doc.getXmlFragment('default');
  doc.transact(() => fragment.delete(0, fragment.length));
  appendParagraph(doc, text);
}

async function versions(cookie: string, sectionId: string): Promise<Version[]> {
  const answer = await api<{ versions: Version[] }>(server.url, cookie, 'GET', `${base(sectionId)}/versions`);
  expect(answer.status).toBe(200);
  return answer.body.versions;
}

beforeAll(async () => {
  // Automatic versions as often as edits come, so a test sees them without waiting minutes.
  server = await startTestServer({ config: { autoVersionMs: 0 } });
  pcc = await login(server.url, 'pcc@example.org');
  officer = await login(server.url, 'officer@example.org');
  viewer = await login(server.url, 'viewer@example.org');
  chief = await login(server.url, 'chief@example.org');
  sample = await sampleResponse(server.url, pcc);
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await server?.dispose();
});

describe('section history', () => {
  it('credits each insertion and deletion to the member who sent it, in the diff and the authorship', async () => {
    const section = sectionOf('HMI comments');
    const alex = await open(pcc, section.id);
    const robin = await open(officer, section.id);
    clearAndWrite(alex.doc, 'Alex wrote this first sentence.');
    await serverRoundTrip(alex.provider);
    const saved = await api<Version>(server.url, pcc, 'POST', `${base(section.id)}/versions`, { name: 'Sent to the chief’s office' });
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ kind: 'named', name: 'Sent to the chief’s office', createdBy: { name: 'Alex Morgan', role: 'pcc' } });

    await waitFor(() => expect(fragmentText(robin.doc)).toBe('Alex wrote this first sentence.'));
    // Robin deletes Alex's "first " and adds a sentence of their own.
    const text = (robin.doc.getXmlFragment('default').get(0) as Y.XmlElement).get(0) as Y.XmlText;
    robin.doc.transact(() => text.delete(text.toString().indexOf('first '), 'first '.length));
    appendParagraph(robin.doc, 'Robin added this.');
    await serverRoundTrip(robin.provider);

    const diff = await api<VersionDiffBody>(server.url, viewer, 'GET', `${base(section.id)}/versions/${saved.body.id}/diff?against=current`);
    expect(diff.status).toBe(200);
    const changes = diff.body.changes;
    expect(changes.map((c) => c.type === 'same' ? ['same', c.text] : [c.type, c.text, c.by?.name])).toEqual([
      ['same', 'Alex wrote this '],
      ['delete', 'first ', 'Robin Shah'],
      ['same', 'sentence.\n'],
      ['insert', 'Robin added this.\n', 'Robin Shah'],
    ]);
    for (const change of changes) if (change.type !== 'same') expect(change.by).toEqual({ userId: expect.any(String), name: 'Robin Shah', role: 'pcc' });

    const authorship = await api<AuthorshipBody>(server.url, viewer, 'GET', `${base(section.id)}/authorship`);
    expect(authorship.status).toBe(200);
    expect(authorship.body.spans.map((span) => [span.text, span.by?.name])).toEqual([
      ['Alex wrote this sentence.\n', 'Alex Morgan'],
      ['Robin added this.\n', 'Robin Shah'],
    ]);
  });

  it('refuses an update that reuses another member’s Yjs client id, so nobody’s text appears as another’s', async () => {
    const section = sectionOf('HMI comments');
    const alex = clients.find((client) => client.provider.roomname === section.id)!;
    const forger = new Y.Doc();
    Y.applyUpdate(forger, Y.encodeStateAsUpdate(alex.doc));
    // The officer's client claims the PCC's client id.
    forger.clientID = alex.doc.clientID;
    appendParagraph(forger, 'Forged in Alex’s name.');
    const raw = connectSection(server.url, officer, sample.id, section.id, { acks: '1' });
    clients.push(raw);
    const acks = recordWriteAcks(raw.provider);
    await waitFor(() => expect(raw.provider.synced).toBe(true));
    Y.applyUpdate(raw.doc, Y.encodeStateAsUpdate(forger, Y.encodeStateVector(raw.doc)));
    await waitFor(() => expect(acks.some((ack) => ack.status === WRITE_REFUSED && /another member/.test(ack.reason))).toBe(true));
    const authorship = await api<AuthorshipBody>(server.url, pcc, 'GET', `${base(section.id)}/authorship`);
    expect(authorship.body.spans.map((span) => span.text).join('')).not.toContain('Forged');
    expect(fragmentText(alex.doc)).not.toContain('Forged');
  });

  it('makes versions at sign-off, reopen and automatically, newest first; the sign-off record names its version', async () => {
    const section = sectionOf(SECTION_TITLE);
    const lead = await login(server.url, 'lead@example.org');
    const writer = await open(lead, section.id);
    clearAndWrite(writer.doc, 'The portfolio lead’s first draft.');
    await serverRoundTrip(writer.provider);
    appendParagraph(writer.doc, 'A second thought.');
    await serverRoundTrip(writer.provider);
    // With automatic versions as often as edits come, the draft before the second thought is one.
    const auto = (await versions(lead, section.id)).find((v) => v.kind === 'auto');
    expect(auto).toBeDefined();
    const autoDetail = await api<VersionDetailBody>(server.url, lead, 'GET', `${base(section.id)}/versions/${auto!.id}`);
    expect(autoDetail.body.text).toContain('first draft');
    expect(autoDetail.body.text).not.toContain('second thought');

    const signed = await api<ResponseDetail['sections'][number]>(server.url, lead, 'POST', `${base(section.id)}/signoff`, {});
    expect(signed.status).toBe(200);
    const list = await versions(viewer, section.id);
    expect(list[0]).toMatchObject({ kind: 'signoff', createdBy: { name: 'Jordan Lee', role: 'portfolio_lead' }, hash: signed.body.signOff!.contentHash });
    expect(signed.body.signOff!.versionId).toBe(list[0]!.id);
    const times = list.map((v) => v.createdAt);
    expect([...times].sort().reverse()).toEqual(times);

    const reopened = await api(server.url, lead, 'POST', `${base(section.id)}/reopen`, { reason: 'The chief asked for a change' });
    expect(reopened.status).toBe(200);
    expect((await versions(lead, section.id))[0]).toMatchObject({ kind: 'reopen', name: 'The chief asked for a change' });
  });

  it('restores a version as a new change that open editors see live, on the record, keeping what was there as a version', async () => {
    const section = sectionOf(SECTION_TITLE);
    const lead = await login(server.url, 'lead@example.org');
    const writer = clients.find((client) => client.provider.roomname === section.id)!;
    const watcher = await open(viewer, section.id);
    const signOffVersion = (await versions(lead, section.id)).find((v) => v.kind === 'signoff')!;
    clearAndWrite(writer.doc, 'Rewritten entirely after the reopen.');
    await serverRoundTrip(writer.provider);

    const restored = await api<{ kept: Version }>(server.url, lead, 'POST', `${base(section.id)}/versions/${signOffVersion.id}/restore`);
    expect(restored.status).toBe(200);
    const expected = 'The portfolio lead’s first draft.\nA second thought.';
    await waitFor(() => expect(fragmentText(watcher.doc)).toBe(expected));
    await waitFor(() => expect(fragmentText(writer.doc)).toBe(expected));
    // The text just before the restore is kept, and the restore is in Activity.
    const kept = await api<VersionDetailBody>(server.url, lead, 'GET', `${base(section.id)}/versions/${restored.body.kept.id}`);
    expect(kept.body.text).toContain('Rewritten entirely');
    const audit = await api<{ events: Array<{ action: string; sectionId: string | null }> }>(server.url, lead, 'GET', `/api/responses/${sample.id}/audit`);
    expect(audit.body.events.some((event) => event.action === 'section.restored' && event.sectionId === section.id)).toBe(true);
    // The restore is credited to the member who made it.
    const diff = await api<VersionDiffBody>(server.url, lead, 'GET', `${base(section.id)}/versions/${restored.body.kept.id}/diff?against=current`);
    for (const change of diff.body.changes) if (change.type !== 'same') expect(change.by?.name).toBe('Jordan Lee');
  });

  it('refuses to restore or name a version of a locked section, and lets only its writers do either', async () => {
    const section = sectionOf(SECTION_TITLE);
    const lead = await login(server.url, 'lead@example.org');
    const any = (await versions(lead, section.id))[0]!;
    expect((await api(server.url, chief, 'POST', `${base(section.id)}/versions/${any.id}/restore`)).status).toBe(403);
    expect((await api(server.url, viewer, 'POST', `${base(section.id)}/versions`, { name: 'Mine' })).status).toBe(403);
    expect((await api(server.url, lead, 'POST', `${base(section.id)}/signoff`, {})).status).toBe(200);
    const locked = await api<{ error: { code: string } }>(server.url, lead, 'POST', `${base(section.id)}/versions/${any.id}/restore`);
    expect(locked.status).toBe(409);
    expect(locked.body.error.code).toBe('signed_off');
    expect((await api(server.url, lead, 'POST', `${base(section.id)}/versions`, { name: 'Locked' })).status).toBe(409);
  });

  it('signs exactly the text the signer saw: a sign-off whose expected hash is not what is stored is refused', async () => {
    const section = sectionOf('Chief Officer comments');
    const seen = await open(chief, section.id);
    const hashOf = (doc: Y.Doc) => createHash('sha256').update(canonicalJson(sectionJson(doc))).digest('hex');
    const stale = hashOf(seen.doc);
    // Someone else's edit lands after the signer looked.
    const lead = await open(chief, section.id);
    appendParagraph(lead.doc, 'Added while the chief was checking.');
    await serverRoundTrip(lead.provider);
    const refused = await api<{ error: { code: string } }>(server.url, chief, 'POST', `${base(section.id)}/signoff`, { expectedHash: stale });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('changed_meanwhile');
    expect((await api(server.url, chief, 'POST', `${base(section.id)}/signoff`, { expectedHash: 'zz' })).status).toBe(400);
    await waitFor(() => expect(fragmentText(seen.doc)).toContain('Added while'));
    const signed = await api(server.url, chief, 'POST', `${base(section.id)}/signoff`, { expectedHash: hashOf(seen.doc) });
    expect(signed.status).toBe(200);
    expect((await api(server.url, chief, 'POST', `${base(section.id)}/reopen`, { reason: 'For the other tests' })).status).toBe(200);
  });

  it('answers 404 to non-members and for unknown ids, 400 for bad bodies and queries', async () => {
    const section = sectionOf(SECTION_TITLE);
    const outsider = await startOutsider();
    expect((await api(server.url, outsider, 'GET', `${base(section.id)}/versions`)).status).toBe(404);
    expect((await api(server.url, outsider, 'GET', `${base(section.id)}/authorship`)).status).toBe(404);
    expect((await api(server.url, pcc, 'GET', `${base('nope')}/versions`)).status).toBe(404);
    expect((await api(server.url, pcc, 'GET', `${base(section.id)}/versions/unknown`)).status).toBe(404);
    expect((await api(server.url, pcc, 'GET', `${base(section.id)}/versions/unknown/diff`)).status).toBe(404);
    const pccSection = sectionOf("Police and Crime Commissioner's comments");
    expect((await api(server.url, pcc, 'POST', `${base(pccSection.id)}/versions`, { name: '' })).status).toBe(400);
    expect((await api(server.url, pcc, 'POST', `${base(pccSection.id)}/versions`, { name: 'x'.repeat(201) })).status).toBe(400);
    const v = (await versions(pcc, sectionOf(SECTION_TITLE).id))[0]!;
    expect((await api(server.url, pcc, 'GET', `${base(section.id)}/versions/${v.id}/diff?against=${encodeURIComponent('not an id!')}`)).status).toBe(400);
  });
});

describe('section history through a crash and a compaction', () => {
  let child: ChildServer;
  const own: SectionClient[] = [];

  beforeAll(async () => {
    child = await startChildServer({ env: { COUNTERSIGN_AUTO_VERSION_MINUTES: '0' } });
  });

  afterAll(async () => {
    for (const client of own) client.destroy();
    await child?.dispose();
  });

  /** Versions, every diff from each version to now, and the authorship: all the history says. */
  async function everything(cookie: string, responseId: string, sectionId: string) {
    const path = `/api/responses/${responseId}/sections/${sectionId}`;
    const list = (await api<{ versions: Version[] }>(child.url, cookie, 'GET', `${path}/versions`)).body.versions;
    const diffs = [];
    for (const version of list) diffs.push((await api<VersionDiffBody>(child.url, cookie, 'GET', `${path}/versions/${version.id}/diff?against=current`)).body);
    const authorship = (await api<AuthorshipBody>(child.url, cookie, 'GET', `${path}/authorship`)).body;
    return { list, diffs, authorship };
  }

  it('says the same before and after kill -9, and after the room is compacted', async () => {
    const alex = await login(child.url, 'pcc@example.org');
    const robin = await login(child.url, 'officer@example.org');
    const response = await sampleResponse(child.url, alex);
    const section = response.sections.find((s) => s.title === 'HMI comments')!;
    const connect = (cookie: string) => {
      const client = connectSection(child.url, cookie, response.id, section.id, { acks: '1' }, { maxBackoffTime: 200 });
      recordWriteAcks(client.provider);
      own.push(client);
      return client;
    };
    const a = connect(alex);
    const r = connect(robin);
    await waitFor(() => expect(a.provider.synced && r.provider.synced).toBe(true));
    for (let i = 0; i < 30; i++) {
      const writer = i % 3 === 0 ? r : a;
      appendParagraph(writer.doc, `Line ${i} by ${writer === r ? 'Robin' : 'Alex'}.`);
      if (i % 7 === 6) {
        const fragment = writer.doc.getXmlFragment('default');
        writer.doc.transact(() => fragment.delete(1, 1));
      }
      await serverRoundTrip(writer.provider);
    }
    await waitFor(() => expect(fragmentText(a.doc)).toBe(fragmentText(r.doc)));
    const before = await everything(alex, response.id, section.id);
    expect(before.list.length).toBeGreaterThan(5);
    expect(before.authorship.spans.some((span) => span.by?.name === 'Robin Shah')).toBe(true);
    expect(before.authorship.spans.some((span) => span.by?.name === 'Alex Morgan')).toBe(true);

    await child.restart();
    const alexAgain = await login(child.url, 'pcc@example.org');
    // The clients reconnect and answer the server's state vector with nothing new: no change, no version.
    await waitFor(() => expect(a.provider.synced && r.provider.synced).toBe(true));
    expect(await everything(alexAgain, response.id, section.id)).toEqual(before);

    // Everyone leaves: the room is compacted as it unloads (its log becomes one row).
    for (const client of own.splice(0)) client.destroy();
    const reader = connect(alexAgain);
    await waitFor(() => expect(reader.provider.synced).toBe(true));
    reader.destroy();
    own.splice(0);
    await waitFor(async () => expect(await everything(alexAgain, response.id, section.id)).toEqual(before));
  });
});

/** A user who is a member of another response only. */
async function startOutsider(): Promise<string> {
  const email = `outsider-${Date.now()}@example.org`;
  const created = await api<{ id: string }>(server.url, pcc, 'POST', '/api/responses', {
    title: 'Another response',
    report: { title: 'Another report', publishedOn: '2026-11-01', url: 'https://example.org/r' },
  });
  const invited = await inviteUser(server.url, pcc, created.body.id, { email, role: 'pcc', capacity: 'viewer', name: 'Outsider', password: 'violet kettle harbour lamp' });
  return invited.cookie;
}

