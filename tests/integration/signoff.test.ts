// Sign-off locks a section, reopening unlocks it on the record, and publication freezes the
// whole response into public HTML and DOCX. Real server, real sockets, real providers.
//
// The tests run in order on one server and build on each other: by the publication test every
// section of the demo sample has been signed off.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { CloseEvent } from 'ws';
import * as Y from 'yjs';
import { shouldReconnectAfter } from '../../client/sync/closeCodes';
import { canonicalJson, docFromUpdates, sectionJson } from '../../server/content/sectionContent';
import { snapshotSection } from '../../server/content/sectionSnapshot';
import { PRINT_SCRIPT_TAG } from '../../server/publish/publicationStyle';
import type { AuditEvent, PublicationInfo, ResponseDetail } from '../../shared/api';
import { addDays, ukToday } from '../../shared/deadline';
import type { Section } from '../../shared/model';
import { CLOSE_ACCESS_CHANGED, SECTION_FRAGMENT } from '../../shared/protocol';
import {
  api,
  appendParagraph,
  connectSection,
  fragmentText,
  insertText,
  login,
  sampleResponse,
  serverRoundTrip,
  type SectionClient,
} from '../helpers/clients';
import { directQuery } from '../helpers/directQuery';
import { startTestServer, type TestServer } from '../helpers/server';
import { waitFor } from '../helpers/waitFor';

type ErrorBody = { error: { code: string; message: string } };

let server: TestServer;
let pcc: string;
let chief: string;
let lead: string;
let officer: string;
let viewer: string;
let sample: ResponseDetail;
let other: ResponseDetail;
const clients: SectionClient[] = [];

const XSS = '<script>alert(1)</script>';
const REOPEN_REASON = 'Add the 2022/23 funding figures <and> "quotes"';

/**
 * A provider of a section of the sample, closed when the test ends (pass or fail: a writer left
 * connected would resend its refused edits after a later reopen) unless `keep` is set.
 */
function open(cookie: string, sectionId: string, options: { keep?: boolean } = {}): SectionClient {
  const client = connectSection(server.url, cookie, sample.id, sectionId);
  // As the app's client does: reconnect after CLOSE_ACCESS_CHANGED, stop only when the session
  // or the membership is gone (y-websocket's default stops on every 44xx code).
  client.provider.shouldReconnect = (event) => shouldReconnectAfter(event.code);
  clients.push(client);
  if (!options.keep) onTestFinished(() => client.destroy());
  return client;
}

function synced(client: SectionClient): Promise<void> {
  return waitFor(() => expect(client.provider.synced).toBe(true));
}

function closeCodes(client: SectionClient): number[] {
  const codes: number[] = [];
  client.provider.on('connection-close', (event) => codes.push((event as CloseEvent | null)?.code ?? -1));
  return codes;
}

function section(title: string): Section {
  const found = sample.sections.find((s) => s.title === title);
  if (!found) throw new Error(`no section "${title}"`);
  return found;
}

const PCC_COMMENTS = "Police and Crime Commissioner's comments";
const CHIEF_COMMENTS = 'Chief Officer comments';
const LEAD_COMMENTS = 'Portfolio lead comments';
const REC_1 = 'Recommendation 1';
const REC_2 = 'Recommendation 2';
const HMI_COMMENTS = 'HMI comments';

async function stored(sectionId: string): Promise<Y.Doc> {
  return docFromUpdates(await server.server.context.store.updates.load(sectionId));
}

async function storedText(sectionId: string): Promise<string> {
  return fragmentText(await stored(sectionId));
}

/** SHA-256 of a document's canonical content, derived here rather than read from the server. */
function contentHash(doc: Y.Doc): string {
  return createHash('sha256').update(canonicalJson(sectionJson(doc))).digest('hex');
}

function signOff(cookie: string, sectionId: string, responseId = sample.id, body?: unknown) {
  return api<Section & ErrorBody>(server.url, cookie, 'POST', `/api/responses/${responseId}/sections/${sectionId}/signoff`, body);
}

function reopen(cookie: string, sectionId: string, body?: unknown) {
  return api<Section & ErrorBody>(server.url, cookie, 'POST', `/api/responses/${sample.id}/sections/${sectionId}/reopen`, body);
}

async function detail(cookie = pcc): Promise<ResponseDetail> {
  return (await api<ResponseDetail>(server.url, cookie, 'GET', `/api/responses/${sample.id}`)).body;
}

async function sectionState(title: string): Promise<Section['state']> {
  return (await detail()).sections.find((s) => s.title === title)!.state;
}

function expectError(result: { status: number; body: unknown }, status: number, code: string): void {
  expect(result.status).toBe(status);
  expect(result.body).toEqual({ error: { code, message: expect.any(String) } });
}

/** Makes an edit through a provider and checks, after the server has handled it, that nothing changed. */
async function expectEditDropped(writer: SectionClient, observer: SectionClient, sectionId: string, text: string): Promise<void> {
  const before = await storedText(sectionId);
  const observed = observer.text();
  insertText(writer.doc, 0, text);
  expect(writer.text()).toContain(text);
  await serverRoundTrip(writer.provider);
  await serverRoundTrip(observer.provider);
  expect(await storedText(sectionId)).toBe(before);
  expect(observer.text()).toBe(observed);
  expect(observer.text()).not.toContain(text);
}

/** Each paragraph's characters, without formatting (fragmentText shows marks as tags). */
function plainParagraphs(doc: Y.Doc): string[] {
  return doc
    .getXmlFragment(SECTION_FRAGMENT)
    .toArray()
    .map((node) =>
      node instanceof Y.XmlElement
        ? node
            .toArray()
            .map((child) => (child instanceof Y.XmlText ? (child.toDelta() as Array<{ insert: unknown }>).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('') : ''))
            .join('')
        : '',
    );
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

beforeAll(async () => {
  server = await startTestServer();
  pcc = await login(server.url, 'pcc@example.org');
  chief = await login(server.url, 'chief@example.org');
  lead = await login(server.url, 'lead@example.org');
  officer = await login(server.url, 'officer@example.org');
  viewer = await login(server.url, 'viewer@example.org');
  sample = await sampleResponse(server.url, pcc);
  const list = await api<{ responses: Array<{ id: string }> }>(server.url, pcc, 'GET', '/api/responses');
  const otherId = list.body.responses.find((r) => r.id !== sample.id)!.id;
  other = (await api<ResponseDetail>(server.url, pcc, 'GET', `/api/responses/${otherId}`)).body;
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await server?.dispose();
});

describe('sign-off', () => {
  it('refuses a sign-off by anyone but a signatory of the owning role (403)', async () => {
    expectError(await signOff(pcc, section(CHIEF_COMMENTS).id), 403, 'forbidden');
    expectError(await signOff(lead, section(CHIEF_COMMENTS).id), 403, 'forbidden');
    expectError(await signOff(officer, section(PCC_COMMENTS).id), 403, 'forbidden');
    expectError(await signOff(viewer, section(PCC_COMMENTS).id), 403, 'forbidden');
    expect((await detail()).sections.map((s) => s.state)).toEqual(Array(6).fill('drafting'));
  });

  it('refuses to sign off an empty section (409)', async () => {
    const empty = other.sections.find((s) => s.ownerRole === 'pcc')!;
    expectError(await signOff(pcc, empty.id, other.id), 409, 'empty_section');
  });

  it('refuses to sign off a recommendation without a response, citing s.55(5B) (409)', async () => {
    const rec = section(REC_1);
    const writer = open(chief, rec.id);
    await synced(writer);
    expect(writer.text().length).toBeGreaterThan(0);
    const fragment = writer.doc.getXmlFragment(SECTION_FRAGMENT);
    fragment.delete(0, fragment.length);
    await waitFor(async () => expect(await storedText(rec.id)).toBe(''));

    const refused = await signOff(chief, rec.id);
    expectError(refused, 409, 'empty_response');
    expect(refused.body.error.message).toContain('s.55(5B)');

    appendParagraph(writer.doc, '   ');
    await waitFor(async () => expect(await storedText(rec.id)).toBe('   '));
    expectError(await signOff(chief, rec.id), 409, 'empty_response');
    expect(await sectionState(REC_1)).toBe('drafting');

    fragment.delete(0, fragment.length);
    appendParagraph(writer.doc, 'The force accepts this recommendation and will report progress to the PCC quarterly.');
    await waitFor(async () => expect(await storedText(rec.id)).toBe('The force accepts this recommendation and will report progress to the PCC quarterly.'));
  });

  it('signs off with the hash of the stored content and turns an open write connection read-only (CLOSE_ACCESS_CHANGED)', async () => {
    const target = section(CHIEF_COMMENTS);
    const writer = open(chief, target.id);
    const writerCloses = closeCodes(writer);
    const observer = open(pcc, target.id);
    await Promise.all([synced(writer), synced(observer)]);
    insertText(writer.doc, 0, 'Signed words. ');
    await waitFor(async () => expect(await storedText(target.id)).toContain('Signed words. '));

    const signed = await signOff(chief, target.id);
    expect(signed.status).toBe(200);
    expect(signed.body).toMatchObject({ id: target.id, state: 'signed_off', signOff: { name: 'Sam Taylor', contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    const hash = signed.body.signOff!.contentHash;
    expect(hash).toBe((await snapshotSection(server.server.context.store.updates, target.id)).hash);
    expect(hash).toBe(contentHash(await stored(target.id)));
    expect(hash).toBe(contentHash(observer.doc));
    expect(await sectionState(CHIEF_COMMENTS)).toBe('signed_off');

    // The writer's socket is closed so that it comes back read-only...
    await waitFor(() => expect(writerCloses).toEqual([CLOSE_ACCESS_CHANGED]));
    await waitFor(() => {
      expect(writer.provider.wsconnected).toBe(true);
      expect(writer.provider.synced).toBe(true);
    });
    // ...and then its edits are neither stored nor relayed.
    await expectEditDropped(writer, observer, target.id, 'AFTER SIGN-OFF ');
    expect(contentHash(await stored(target.id))).toBe(hash);
    // A connection opened after the sign-off cannot write either.
    const late = open(chief, target.id);
    await synced(late);
    await expectEditDropped(late, observer, target.id, 'LATE WRITER ');
  });

  it('refuses to sign off a section that is already signed off (409)', async () => {
    expectError(await signOff(chief, section(CHIEF_COMMENTS).id), 409, 'already_signed_off');
  });

  it('includes in the signed hash an edit sent just before the sign-off request', async () => {
    const target = section(REC_2);
    const writer = open(chief, target.id);
    await synced(writer);
    insertText(writer.doc, 0, 'The force has appointed the regional ACC. ');
    const expected = contentHash(writer.doc);
    // No waiting for the edit to be stored: the request goes at once.
    const signed = await signOff(chief, target.id);
    expect(signed.status).toBe(200);
    expect(signed.body.signOff?.contentHash).toBe(expected);
    expect(await storedText(target.id)).toContain('The force has appointed the regional ACC. ');
    expect(contentHash(await stored(target.id))).toBe(expected);
  });

  it('includes in the signed hash a burst of updates sent just before the sign-off request', async () => {
    const target = section(LEAD_COMMENTS);
    const writer = open(lead, target.id);
    await synced(writer);
    // A burst of separate update frames, the last one just before the request.
    [...'Last-moment words. '].forEach((char, i) => insertText(writer.doc, i, char));
    expect(writer.text()).toMatch(/^Last-moment words\. /);
    const expected = contentHash(writer.doc);
    // No waiting for the edit to be stored: the request goes at once, with the signer's state
    // vector, as the app sends it, so the server waits for whatever is still in flight.
    const stateVector = Buffer.from(Y.encodeStateVector(writer.doc)).toString('base64');
    const signed = await signOff(lead, target.id, sample.id, { stateVector });
    expect(signed.status).toBe(200);
    expect(signed.body.signOff?.contentHash).toBe(expected);
    expect(await storedText(target.id)).toBe(writer.text());
    expect(contentHash(await stored(target.id))).toBe(expected);
  });
});

describe('sign-off of edits that never arrive', () => {
  it('answers 409 unsaved_changes when the signer has edits the server does not, and changes nothing', async () => {
    const target = section(HMI_COMMENTS);
    const offline = new Y.Doc();
    offline.getText('elsewhere').insert(0, 'typed on a train');
    const stateVector = Buffer.from(Y.encodeStateVector(offline)).toString('base64');
    const refused = await signOff(pcc, target.id, sample.id, { stateVector });
    expectError(refused, 409, 'unsaved_changes');
    expect(await sectionState(HMI_COMMENTS)).toBe('drafting');
    expectError(await signOff(pcc, target.id, sample.id, { stateVector: 42 }), 400, 'invalid_request');
  }, 15_000);
});

describe('reopen', () => {
  it('needs a reason (400) and an owner signatory or an administrator (403)', async () => {
    const target = section(CHIEF_COMMENTS);
    expectError(await reopen(chief, target.id), 400, 'invalid_request');
    expectError(await reopen(chief, target.id, { reason: '   ' }), 400, 'invalid_request');
    expectError(await reopen(lead, target.id, { reason: 'I would like to' }), 403, 'forbidden');
    expectError(await reopen(officer, target.id, { reason: 'I would like to' }), 403, 'forbidden');
    expectError(await reopen(viewer, target.id, { reason: 'I would like to' }), 403, 'forbidden');
    expect(await sectionState(CHIEF_COMMENTS)).toBe('signed_off');
    expectError(await reopen(pcc, section(HMI_COMMENTS).id, { reason: 'not signed off yet' }), 409, 'not_signed_off');
  });

  it('lets the owner reopen with a reason; then the owner writes again and others still cannot', async () => {
    const target = section(CHIEF_COMMENTS);
    // Connected while the section is locked: read-only, and nothing typed.
    const owner = open(chief, target.id);
    const nonOwner = open(pcc, target.id);
    await Promise.all([synced(owner), synced(nonOwner)]);

    const reopened = await reopen(chief, target.id, { reason: REOPEN_REASON });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ id: target.id, state: 'drafting' });
    expect(await sectionState(CHIEF_COMMENTS)).toBe('drafting');

    insertText(owner.doc, 0, 'Reopened and revised. ');
    await waitFor(async () => {
      expect(await storedText(target.id)).toMatch(/^Reopened and revised. /);
      expect(nonOwner.text()).toMatch(/^Reopened and revised. /);
    });
    await expectEditDropped(nonOwner, owner, target.id, 'PCC OVERWRITES ');

    const signedAgain = await signOff(chief, target.id);
    expect(signedAgain.status).toBe(200);
    expect(signedAgain.body.signOff?.contentHash).toBe(contentHash(await stored(target.id)));
  });

  it("lets the administrator reopen another role's section", async () => {
    const target = section(LEAD_COMMENTS);
    const reopened = await reopen(pcc, target.id, { reason: 'The lead asked for a correction' });
    expect(reopened.status).toBe(200);
    expect(reopened.body.state).toBe('drafting');
    const writer = open(lead, target.id);
    await synced(writer);
    insertText(writer.doc, 0, 'Corrected. ');
    await waitFor(async () => expect(await storedText(target.id)).toMatch(/^Corrected. /));
    expect((await signOff(lead, target.id)).status).toBe(200);
  });
});

describe('publication', () => {
  let publication: PublicationInfo;
  /** A PCC writer on the PCC's comments, connected since before publication. */
  let pccWriter: SectionClient;
  let pccWriterCloses: number[];

  it('refuses statutory steps before publication (409)', async () => {
    expectError(
      await api(server.url, pcc, 'PUT', `/api/responses/${sample.id}/statutory-steps`, { sentToHmicfrsOn: ukToday() }),
      409,
      'not_published',
    );
  });

  it('refuses to publish until every section is signed off (409 not_ready, naming them), and to anyone but the PCC (403)', async () => {
    const refused = await api<ErrorBody>(server.url, pcc, 'POST', `/api/responses/${sample.id}/publish`);
    expectError(refused, 409, 'not_ready');
    const message = refused.body.error.message;
    const sections = (await detail()).sections;
    const unsigned = sections.filter((s) => s.state !== 'signed_off').map((s) => s.title);
    expect(unsigned).toEqual(expect.arrayContaining([PCC_COMMENTS, REC_1, HMI_COMMENTS]));
    for (const s of sections) {
      if (s.state === 'signed_off') expect(message).not.toContain(s.title);
      else expect(message).toContain(s.title);
    }

    expectError(await api(server.url, chief, 'POST', `/api/responses/${sample.id}/publish`), 403, 'forbidden');
    expectError(await api(server.url, officer, 'POST', `/api/responses/${sample.id}/publish`), 403, 'forbidden');
    expect((await detail()).state).toBe('drafting');
  });

  it('publishes once every section is signed off: HTML and DOCX with their hashes', async () => {
    // Someone types markup into a section: it must come out as text.
    const hmi = section(HMI_COMMENTS);
    const typist = open(pcc, hmi.id);
    await synced(typist);
    appendParagraph(typist.doc, `Note: ${XSS} & more`);
    await waitFor(async () => expect(await storedText(hmi.id)).toContain(XSS));

    pccWriter = open(pcc, section(PCC_COMMENTS).id, { keep: true });
    pccWriterCloses = closeCodes(pccWriter);
    await synced(pccWriter);

    const signers: Record<string, string> = { pcc, chief_constable: chief, portfolio_lead: lead };
    for (const s of (await detail()).sections.filter((s) => s.state === 'drafting')) {
      const signed = await signOff(signers[s.ownerRole]!, s.id);
      expect(signed.status, s.title).toBe(200);
    }
    expect((await detail()).sections.map((s) => s.state)).toEqual(Array(6).fill('signed_off'));
    // Signing off closed the PCC writer's socket once; it is back, read-only.
    await waitFor(() => expect(pccWriterCloses).toEqual([CLOSE_ACCESS_CHANGED]));

    expectError(await api(server.url, chief, 'POST', `/api/responses/${sample.id}/publish`), 403, 'forbidden');
    const published = await api<PublicationInfo>(server.url, pcc, 'POST', `/api/responses/${sample.id}/publish`);
    expect(published.status).toBe(201);
    publication = published.body;
    expect(publication).toMatchObject({
      htmlUrl: expect.stringMatching(/^\/published\/[^/.]+$/),
      docxUrl: expect.stringMatching(/^\/published\/[^/]+\.docx$/),
      htmlSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      docxSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      publishedBy: 'Alex Morgan',
    });

    const now = await detail(chief);
    expect(now.state).toBe('published');
    expect(now.publication).toEqual(publication);
  });

  it('serves the HTML to anyone, with every section\'s signed text escaped and the recommendations in a table', async () => {
    const response = await fetch(`${server.url}${publication.htmlUrl}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(publication.htmlSha256);
    const html = bytes.toString('utf8');

    expect(html).toMatch(/<html[^>]* lang="[a-z]{2}(-[A-Z]{2})?"/);
    expect(html).toMatch(/<title>[^<]*Wiltshire and Swindon[^<]*<\/title>/);
    expect(html).toMatch(/<table[\s>]/);

    const text = html.replace(/<[^>]*>/g, '');
    for (const s of sample.sections) {
      const paragraphs = plainParagraphs(await stored(s.id)).filter((p) => p.trim().length > 0);
      expect(paragraphs.length, s.title).toBeGreaterThan(0);
      for (const paragraph of paragraphs) expect(text, `${s.title}: ${paragraph.slice(0, 40)}`).toContain(escapeHtml(paragraph));
      if (s.kind === 'recommendation') {
        const table = /<table[\s\S]*?<\/table>/.exec(html.slice(html.indexOf('Recommendations')))?.[0] ?? '';
        expect(table).toContain(escapeHtml(s.recommendation!));
        expect(table.replace(/<[^>]*>/g, '')).toContain(escapeHtml(paragraphs[0]!));
      } else {
        expect(html).toContain(`<h2>${escapeHtml(s.title)}</h2>`);
      }
    }
    expect(text).toContain('Reopened and revised. ');

    // What was typed as markup is shown as text, never run.
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; more');
    // The page's one script is its own print button's, pinned by its hash; nothing typed became one.
    expect(html.replace(PRINT_SCRIPT_TAG, '')).not.toMatch(/<script/i);
    // Edits refused after sign-off are not there.
    expect(html).not.toContain('AFTER SIGN-OFF');
    expect(html).not.toContain('PCC OVERWRITES');
  });

  it('serves the DOCX with its hash', async () => {
    const response = await fetch(`${server.url}${publication.docxUrl}`);
    expect(response.status).toBe(200);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(publication.docxSha256);
  });

  it('freezes the response: no writes to any section, no sign-off, reopen or second publication (409)', async () => {
    // Every section refuses a write from a member who could write it before.
    const writers: Record<string, string> = { pcc, chief_constable: chief, portfolio_lead: lead };
    for (const s of sample.sections) {
      const writer = open(writers[s.ownerRole]!, s.id);
      const observer = open(viewer, s.id);
      await Promise.all([synced(writer), synced(observer)]);
      await expectEditDropped(writer, observer, s.id, `AFTER PUBLICATION ${s.title} `);
    }
    // The PCC writer connected since before publication is read-only too.
    await waitFor(() => expect(pccWriter.provider.synced).toBe(true));
    const observer = open(viewer, section(PCC_COMMENTS).id);
    await synced(observer);
    await expectEditDropped(pccWriter, observer, section(PCC_COMMENTS).id, 'OLD WRITER AFTER PUBLICATION ');

    expectError(await signOff(chief, section(CHIEF_COMMENTS).id), 409, 'published');
    expectError(await reopen(chief, section(CHIEF_COMMENTS).id, { reason: 'one more change' }), 409, 'published');
    expectError(await reopen(pcc, section(PCC_COMMENTS).id, { reason: 'one more change' }), 409, 'published');
    expectError(await api(server.url, pcc, 'POST', `/api/responses/${sample.id}/publish`), 409, 'published');
    expect((await detail()).publication).toEqual(publication);
    expect((await detail()).sections.map((s) => s.state)).toEqual(Array(6).fill('signed_off'));
  });
});

describe('statutory steps after publication', () => {
  it('are recorded by an administrator only, with past dates and a web address', async () => {
    const path = `/api/responses/${sample.id}/statutory-steps`;
    const today = ukToday();
    const steps = { publishedAtUrl: 'https://www.wiltshire-pcc.gov.uk/hmicfrs-rocu-response', sentToHmicfrsOn: today, sentToHomeSecretaryOn: addDays(today, -1) };

    expectError(await api(server.url, chief, 'PUT', path, steps), 403, 'forbidden');
    expectError(await api(server.url, pcc, 'PUT', path, { ...steps, sentToHmicfrsOn: addDays(today, 1) }), 400, 'invalid_request');
    expectError(await api(server.url, pcc, 'PUT', path, { ...steps, publishedAtUrl: 'javascript:alert(1)' }), 400, 'invalid_request');
    expectError(await api(server.url, pcc, 'PUT', path, { ...steps, sentToHmicfrsOn: '2022-02-30' }), 400, 'invalid_request');
    expect((await detail()).statutorySteps).toEqual({ publishedAtUrl: null, sentToHmicfrsOn: null, sentToHomeSecretaryOn: null });

    const recorded = await api(server.url, pcc, 'PUT', path, steps);
    expect(recorded.status).toBe(200);
    expect(recorded.body).toEqual(steps);
    expect((await detail(chief)).statutorySteps).toEqual(steps);

    const audit = await api<{ events: AuditEvent[] }>(server.url, pcc, 'GET', `/api/responses/${sample.id}/audit`);
    const stepEvents = audit.body.events.filter((e) => e.action === 'statutory_step.recorded');
    expect(stepEvents).toHaveLength(3);
    expect(stepEvents.map((e) => e.detail).join('\n')).toContain(steps.publishedAtUrl);
    expect(stepEvents.map((e) => e.detail).join('\n')).toContain(today);
    for (const event of stepEvents) expect(event.actor?.name).toBe('Alex Morgan');
  });
});

describe('the activity record', () => {
  it('lists sign-offs, reopens (with their reason) and the publication, in order', async () => {
    const audit = await api<{ events: AuditEvent[] }>(server.url, viewer, 'GET', `/api/responses/${sample.id}/audit`);
    expect(audit.status).toBe(200);
    const events = audit.body.events;
    expect(events.map((e) => e.id)).toEqual([...events.map((e) => e.id)].sort((a, b) => a - b));
    const chiefSection = section(CHIEF_COMMENTS).id;
    const index = (predicate: (e: AuditEvent) => boolean, from = 0) => events.findIndex((e, i) => i >= from && predicate(e));

    const firstSignOff = index((e) => e.action === 'section.signed_off' && e.sectionId === chiefSection);
    const reopened = index((e) => e.action === 'section.reopened' && e.sectionId === chiefSection, firstSignOff);
    const secondSignOff = index((e) => e.action === 'section.signed_off' && e.sectionId === chiefSection, reopened);
    const published = index((e) => e.action === 'response.published', secondSignOff);
    expect([firstSignOff, reopened, secondSignOff, published].every((i) => i >= 0)).toBe(true);
    expect(firstSignOff).toBeLessThan(reopened);
    expect(reopened).toBeLessThan(secondSignOff);
    expect(secondSignOff).toBeLessThan(published);

    expect(events[firstSignOff]!.actor?.name).toBe('Sam Taylor');
    expect(events[reopened]!.actor?.name).toBe('Sam Taylor');
    expect(events[reopened]!.detail).toContain(REOPEN_REASON);
    expect(events[published]!.actor?.name).toBe('Alex Morgan');
    expect(events[published]!.detail).toContain(publication_url(events[published]!));
    expect(events.filter((e) => e.action === 'section.signed_off')).toHaveLength(8);
    expect(events.filter((e) => e.action === 'section.reopened')).toHaveLength(2);
    expect(events.filter((e) => e.action === 'response.published')).toHaveLength(1);
    // Everything after publication is a statutory step (or a refused write).
    for (const event of events.slice(published + 1)) expect(['statutory_step.recorded', 'write.refused']).toContain(event.action);
  });

  it('cannot be changed or removed, even with direct database access', async () => {
    // A connection of its own to the database, as anyone with access to the data folder (or the
    // database server) has.
    const count = async () => Number((await directQuery(server, 'SELECT COUNT(*) AS n FROM audit_events'))[0]?.n);
    const before = await count();
    expect(before).toBeGreaterThan(0);
    await expect(directQuery(server, 'DELETE FROM audit_events')).rejects.toThrow(/append-only/);
    await expect(directQuery(server, "UPDATE audit_events SET detail = 'nothing happened'")).rejects.toThrow(/append-only/);
    expect(await count()).toBe(before);
  });
});

function publication_url(event: AuditEvent): string {
  return /\/published\/[^\s)]+/.exec(event.detail)?.[0] ?? 'no publication address in the event';
}
