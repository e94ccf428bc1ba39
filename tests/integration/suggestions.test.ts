// Suggestions across roles, enforced by the server: a suggestion never touches the section's
// text until a writer of the section accepts it; then the server makes the change through the
// room, credited to the suggester. Real server, real sockets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { AuthorshipBody, ResponseDetail, Suggestion, Version } from '../../shared/api';
import { MAX_SUGGESTION_CHARS } from '../../shared/limits';
import { WRITE_REFUSED } from '../../shared/protocol';
import { docFromUpdates } from '../../server/content/sectionContent';
import { api, connectSection, fragmentText, login, recordWriteAcks, sampleResponse, serverRoundTrip, type SectionClient } from '../helpers/clients';
import { startTestServer, type TestServer } from '../helpers/server';
import { waitFor } from '../helpers/waitFor';

let server: TestServer;
let pcc: string;
let chief: string;
let viewer: string;
let sample: ResponseDetail;
const clients: SectionClient[] = [];

const PCC_SECTION = "Police and Crime Commissioner's comments";

function sectionOf(title: string) {
  return sample.sections.find((s) => s.title === title)!;
}

async function open(cookie: string, sectionId: string): Promise<SectionClient> {
  const client = connectSection(server.url, cookie, sample.id, sectionId, { acks: '1' });
  recordWriteAcks(client.provider);
  clients.push(client);
  await waitFor(() => expect(client.provider.synced).toBe(true));
  return client;
}

/** The first paragraph's text of a section document. */
function firstText(doc: Y.Doc): Y.XmlText {
  return (doc.getXmlFragment('default').get(0) as Y.XmlElement).get(0) as Y.XmlText;
}

/** An anchor on `quote` in the first paragraph (ends bound as the browser binds a thread's passage). */
function anchorOn(doc: Y.Doc, quote: string): { start: string; end: string } {
  const text = firstText(doc);
  const at = text.toString().indexOf(quote);
  if (at < 0) throw new Error(`"${quote}" is not in the first paragraph`);
  const encode = (index: number, assoc: number) => Buffer.from(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, index, assoc))).toString('base64');
  return { start: encode(at, 0), end: encode(at + quote.length, -1) };
}

async function storedText(sectionId: string): Promise<string> {
  return fragmentText(docFromUpdates(await server.server.context.store.updates.load(sectionId)));
}

function suggest(cookie: string, sectionId: string, body: unknown) {
  return api<Suggestion & { error: { code: string; message: string } }>(server.url, cookie, 'POST', `/api/responses/${sample.id}/sections/${sectionId}/suggestions`, body);
}

beforeAll(async () => {
  server = await startTestServer();
  pcc = await login(server.url, 'pcc@example.org');
  chief = await login(server.url, 'chief@example.org');
  viewer = await login(server.url, 'viewer@example.org');
  sample = await sampleResponse(server.url, pcc);
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await server?.dispose();
});

describe('suggestions', () => {
  it("leaves the PCC's section untouched while the chief's suggestion is open, and makes exactly that change on accept, credited to the chief", async () => {
    const section = sectionOf(PCC_SECTION);
    const owner = await open(pcc, section.id);
    const chiefView = await open(chief, section.id);
    const before = await storedText(section.id);
    const quote = firstText(owner.doc).toString().split(' ').slice(0, 3).join(' ');

    const made = await suggest(chief, section.id, { anchor: anchorOn(chiefView.doc, quote), insert: 'The Chief Constable proposes' });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ state: 'open', insert: 'The Chief Constable proposes', anchor: { quote }, by: { name: 'Sam Taylor', role: 'chief_constable' }, decidedBy: null });
    // Nothing changed anywhere.
    await serverRoundTrip(owner.provider);
    expect(await storedText(section.id)).toBe(before);
    expect(fragmentText(owner.doc)).toBe(before);
    expect(fragmentText(chiefView.doc)).toBe(before);

    const accepted = await api<Suggestion>(server.url, pcc, 'POST', `/api/responses/${sample.id}/suggestions/${made.body.id}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ state: 'accepted', decidedBy: { name: 'Alex Morgan', role: 'pcc' } });
    const expected = before.replace(quote, 'The Chief Constable proposes');
    expect(await storedText(section.id)).toBe(expected);
    await waitFor(() => expect(fragmentText(owner.doc)).toBe(expected));
    await waitFor(() => expect(fragmentText(chiefView.doc)).toBe(expected));

    const authorship = await api<AuthorshipBody>(server.url, pcc, 'GET', `/api/responses/${sample.id}/sections/${section.id}/authorship`);
    expect(authorship.body.spans.find((span) => span.text.includes('The Chief Constable proposes'))?.by).toMatchObject({ name: 'Sam Taylor' });
    const versions = await api<{ versions: Version[] }>(server.url, pcc, 'GET', `/api/responses/${sample.id}/sections/${section.id}/versions`);
    expect(versions.body.versions[0]).toMatchObject({ kind: 'named', name: 'Accepted a suggestion by Sam Taylor', createdBy: { name: 'Alex Morgan' } });
    const audit = await api<{ events: Array<{ action: string }> }>(server.url, pcc, 'GET', `/api/responses/${sample.id}/audit`);
    expect(audit.body.events.map((e) => e.action)).toEqual(expect.arrayContaining(['suggestion.made', 'suggestion.accepted']));
  });

  it('rejects without changing anything, and turns stale (refusing accept) when the passage changes meanwhile', async () => {
    const section = sectionOf(PCC_SECTION);
    const owner = clients[0]!;
    const before = await storedText(section.id);
    const words = firstText(owner.doc).toString().split(' ');
    const rejected = await suggest(chief, section.id, { anchor: anchorOn(owner.doc, words.slice(3, 5).join(' ')), insert: '' });
    expect(rejected.status).toBe(201);
    const no = await api<Suggestion>(server.url, pcc, 'POST', `/api/responses/${sample.id}/suggestions/${rejected.body.id}/reject`);
    expect(no.body.state).toBe('rejected');
    expect(await storedText(section.id)).toBe(before);

    const target = words.slice(5, 7).join(' ');
    const stale = await suggest(chief, section.id, { anchor: anchorOn(owner.doc, target), insert: 'something else' });
    // The PCC deletes the passage the chief suggested against.
    const text = firstText(owner.doc);
    owner.doc.transact(() => text.delete(text.toString().indexOf(target), target.length));
    await serverRoundTrip(owner.provider);
    await waitFor(async () => {
      const list = await api<{ suggestions: Suggestion[] }>(server.url, viewer, 'GET', `/api/responses/${sample.id}/suggestions`);
      expect(list.body.suggestions.find((s) => s.id === stale.body.id)).toMatchObject({ state: 'stale', staleReason: expect.stringMatching(/changed|deleted/) });
    });
    const refused = await api<{ error: { code: string } }>(server.url, pcc, 'POST', `/api/responses/${sample.id}/suggestions/${stale.body.id}/accept`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('stale');
  });

  it('blocks publication while a suggestion is open, and lets a signed-off section be suggested on but not accepted until reopened', async () => {
    const section = sectionOf('Chief Officer comments');
    const pccView = await open(pcc, section.id);
    const words = firstText(pccView.doc).toString().split(' ');
    expect((await api(server.url, chief, 'POST', `/api/responses/${sample.id}/sections/${section.id}/signoff`, {})).status).toBe(200);
    const late = await suggest(pcc, section.id, { anchor: anchorOn(pccView.doc, words[0]!), insert: 'Firstly' });
    expect(late.status).toBe(201);
    const locked = await api<{ error: { code: string } }>(server.url, chief, 'POST', `/api/responses/${sample.id}/suggestions/${late.body.id}/accept`);
    expect(locked.status).toBe(409);
    expect(locked.body.error.code).toBe('signed_off');

    const blocked = await api<{ error: { code: string; message: string } }>(server.url, pcc, 'POST', `/api/responses/${sample.id}/publish`);
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.message).toContain('A suggestion on Chief Officer comments must be accepted or rejected');

    expect((await api(server.url, chief, 'POST', `/api/responses/${sample.id}/sections/${section.id}/reopen`, { reason: 'Take the PCC’s wording' })).status).toBe(200);
    const accepted = await api<Suggestion>(server.url, chief, 'POST', `/api/responses/${sample.id}/suggestions/${late.body.id}/accept`);
    expect(accepted.status).toBe(200);
    await waitFor(() => expect(fragmentText(pccView.doc).startsWith('Firstly')).toBe(true));
  });

  it("keeps dropping a suggester's raw writes to a section they do not own", async () => {
    const section = sectionOf(PCC_SECTION);
    const chiefClient = clients[1]!;
    const acks = recordWriteAcks(chiefClient.provider);
    const before = await storedText(section.id);
    firstText(chiefClient.doc).insert(0, 'Forged by the chief. ');
    await waitFor(() => expect(acks.some((ack) => ack.status === WRITE_REFUSED)).toBe(true));
    expect(await storedText(section.id)).toBe(before);
  });

  it('lets only members who may comment suggest, only the owning role decide, and refuses bad input', async () => {
    const section = sectionOf(PCC_SECTION);
    const owner = clients[0]!;
    const word = firstText(owner.doc).toString().split(' ')[1]!;
    const anchor = anchorOn(owner.doc, word);
    expect((await suggest(viewer, section.id, { anchor, insert: 'x' })).status).toBe(403);
    const made = await suggest(chief, section.id, { anchor, insert: 'y' });
    expect((await api(server.url, viewer, 'POST', `/api/responses/${sample.id}/suggestions/${made.body.id}/accept`)).status).toBe(403);
    expect((await api(server.url, chief, 'POST', `/api/responses/${sample.id}/suggestions/${made.body.id}/accept`)).status).toBe(403);
    expect((await api(server.url, pcc, 'POST', `/api/responses/${sample.id}/suggestions/unknown/accept`)).status).toBe(404);
    expect((await suggest(chief, section.id, { anchor: { start: 'not base64!', end: 'x' }, insert: 'y' })).status).toBe(400);
    expect((await suggest(chief, section.id, { anchor, insert: 'z'.repeat(MAX_SUGGESTION_CHARS + 1) })).status).toBe(400);
    expect((await suggest(chief, section.id, { anchor, insert: word })).status).toBe(400);
    expect((await suggest(chief, section.id, { insert: 'no anchor' })).status).toBe(400);
    // Both ends must lie in one paragraph.
    const second = (owner.doc.getXmlFragment('default').get(1) as Y.XmlElement).get(0) as Y.XmlText;
    const across = { start: anchor.start, end: Buffer.from(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(second, 2, -1))).toString('base64') };
    expect((await suggest(chief, section.id, { anchor: across, insert: 'y' })).status).toBe(400);
    // The decision for all of a member's suggestions at once.
    const all = await api<{ decided: Suggestion[] }>(server.url, pcc, 'POST', `/api/responses/${sample.id}/suggestions/decide`, { by: made.body.by.userId, decision: 'reject' });
    expect(all.status).toBe(200);
    expect(all.body.decided.map((s) => s.state)).toContain('rejected');
  });
});
