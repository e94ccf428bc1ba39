// Hostile text in, clean text out. Every string of tests/fixtures/hostile-strings.txt goes where
// people can put text: the response's and report's titles, section titles, recommendations,
// signatories' names (over HTTP), and section bodies (over real y-websocket providers, shaped as
// TipTap writes them: paragraphs with marks and links, headings with bad levels, nested lists,
// tables, code, quotes, and nodes the editor never makes). Every section is signed off and the
// response published; the DOCX must then be well-formed XML in every part, and the HTML page
// too, with nothing XML forbids, no bad heading, and clean titles and names.
//
// Each body is written twice over: what the editor could write (the editor's nodes and marks,
// with hostile text, levels, spans and links), then what it never writes (characters XML
// forbids, other nodes and marks). Until the write policy (server/sync/contentPolicy.ts) is
// wired into the room the second is stored too, which is what this exercises: the renderers
// must cope with whatever is stored. Once it is wired, the second is refused and the test still
// holds. Titles and names the routes refuse (once they clean their input) are replaced by plain ones.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { PublicationInfo, ResponseDetail } from '../../shared/api';
import { addDays, ukToday } from '../../shared/deadline';
import type { Section } from '../../shared/model';
import { SECTION_FRAGMENT, WRITE_STORED } from '../../shared/protocol';
import { cleanSingleLine, hasVisibleText } from '../../shared/text';
import { addExistingMember, api, connectSection, inviteUser, login, recordWriteAcks, serverRoundTrip } from '../helpers/clients';
import { hostileStrings } from '../helpers/hostileStrings';
import { startTestServer, type TestServer } from '../helpers/server';
import { decodeUtf8Strictly, parseDocxStrictly, parseHtmlStrictly } from '../helpers/strictXml';
import { waitFor } from '../helpers/waitFor';

const HOSTILE = hostileStrings();
/** Heading levels the editor never writes (the last entry: no level at all). */
const BAD_LEVELS: unknown[] = ['x', 99, 0, -1, null, '2', 2.5, Number.NaN, Number.POSITIVE_INFINITY, {}, [1], true, '', 1e308, 'missing'];
/** Link targets, from the hostile string itself to ones no publication may link to. */
const HREFS: Array<(hostile: string) => unknown> = [
  (h) => h,
  (h) => `https://example.org/${h}`,
  (h) => `javascript:alert(${JSON.stringify(h)})`,
  (h) => `mailto:${h}@example.org`,
  (h) => `https://${h}.example.org/`,
  (h) => `https://example.org/?q=${h}#${h}`,
  () => ({}),
  () => 42,
];
/** Table spans no table has. */
const BAD_SPANS: unknown[] = ['x', 99_999, -1, 0, null, 2.5, '3', Number.NaN, 1e9];

/** Characters XML 1.0 forbids (with the `u` flag, a surrogate only when it is alone). */
const FORBIDDEN_BY_XML = /[\0-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/u;
/** What may never reach a publication: characters XML 1.0 forbids, C1 controls, noncharacters. */
const FORBIDDEN = /[\0-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\uD800-\uDFFF\p{Noncharacter_Code_Point}]/u;
/** Characters that reorder or hide text, which no title or name may carry into a publication. */
const SPOOFING = /[\u202A-\u202E\u2066-\u2069\u200B\u200C\u200E\u200F\u061C\u2060-\u2064\uFEFF\u00AD]/u;

/** A node as written into the Yjs document: an element, or a run of text with its marks. */
type Spec = { type: string; attrs?: Record<string, unknown>; content?: Spec[] } | { text: Array<[string, Record<string, unknown>?]> };

let server: TestServer;
let pcc: string;
let chief: string;
let lead: string;
let response: ResponseDetail;
let publication: PublicationInfo;
const signers: Array<{ cookie: string; name: string }> = [];
/** How many sections took the second write, of what the editor never makes. */
let foreignStored = 0;

type ErrorBody = { error: { code: string; message: string } };

/** Sends a request; on a 400 (the route cleaned the hostile input and refused it) sends the fallback instead. */
async function acceptedOrFallback<T>(send: (value: string) => Promise<{ status: number; body: T | ErrorBody }>, hostile: string, fallback: string, expected: number): Promise<T> {
  const first = await send(hostile);
  if (first.status === expected) return first.body as T;
  expect(first.status, `${JSON.stringify(hostile)}: ${JSON.stringify(first.body)}`).toBe(400);
  expect((first.body as ErrorBody).error.code).toBe('invalid_request');
  const second = await send(fallback);
  expect(second.status, JSON.stringify(second.body)).toBe(expected);
  return second.body as T;
}

function paragraph(...runs: Array<[string, Record<string, unknown>?]>): Spec {
  return { type: 'paragraph', content: [{ text: runs }] };
}

/**
 * The body of one section around one hostile string: `editor` holds only the editor's nodes and
 * marks (with bad attributes: levels, spans, link targets), `foreign` what the editor never makes.
 */
function hostileBody(hostile: string, i: number): { editor: Spec[]; foreign: Spec[] } {
  const level = BAD_LEVELS[i % BAD_LEVELS.length];
  const span = BAD_SPANS[i % BAD_SPANS.length];
  const href = HREFS[i % HREFS.length]!(hostile);
  const editor: Spec[] = [
    { type: 'heading', attrs: level === 'missing' ? { [`data-${hostile}`]: hostile } : { level, [`data-${hostile}`]: hostile }, content: [{ text: [[hostile]] }] },
    { type: 'heading', attrs: { level: 1 }, content: [{ text: [['Level one ' + hostile]] }] },
    { type: 'heading', attrs: { level: 2 }, content: [{ text: [['Level two ' + hostile]] }] },
    paragraph(
      ['Plain: '],
      [hostile],
      [' bold ', { bold: {} }],
      [hostile, { italic: {}, 'bold--a1b2': {}, underline: {}, strike: {}, code: {} }],
      [' a link ', { link: { href, target: hostile, rel: hostile } }],
      [hostile, { link: { href: hostile } }],
    ),
    { type: 'paragraph', content: [{ text: [['before a break ' + hostile]] }, { type: 'hardBreak' }, { text: [['after it']] }] },
    {
      type: 'bulletList',
      content: [
        {
          type: 'listItem',
          content: [
            paragraph([`outer ${hostile}`]),
            paragraph(['a second paragraph in the item']),
            {
              type: 'orderedList',
              attrs: { start: span, type: hostile },
              content: [
                { type: 'listItem', content: [paragraph([`inner ${hostile}`]), { type: 'bulletList', content: [{ type: 'listItem', content: [paragraph([`innermost ${hostile}`])] }] }] },
                { type: 'listItem', content: [paragraph(['inner two'])] },
              ],
            },
          ],
        },
        { type: 'listItem', content: [paragraph(['outer two'])] },
      ],
    },
    {
      type: 'table',
      content: [
        {
          type: 'tableRow',
          content: [
            { type: 'tableHeader', attrs: { colspan: 1, rowspan: 1, colwidth: null }, content: [paragraph([hostile])] },
            { type: 'tableHeader', attrs: { colspan: 1, rowspan: 1, colwidth: [120] }, content: [paragraph(['Header two'])] },
          ],
        },
        {
          type: 'tableRow',
          content: [
            { type: 'tableCell', attrs: { colspan: span, rowspan: span, colwidth: [hostile] }, content: [paragraph([`cell ${hostile}`])] },
            { type: 'tableCell', attrs: { colspan: 1, rowspan: 1, colwidth: null }, content: [paragraph(['cell two']), { type: 'bulletList', content: [{ type: 'listItem', content: [paragraph([hostile])] }] }] },
          ],
        },
        { type: 'tableRow', content: [{ type: 'tableCell', attrs: { colspan: 2, rowspan: 99 }, content: [paragraph(['last row']), { type: 'table', content: [{ type: 'tableRow', content: [{ type: 'tableCell', content: [paragraph([`nested table ${hostile}`])] }] }] }] }] },
        { type: 'tableRow', content: [] },
        paragraph(['a paragraph straight in a table']),
      ],
    },
    { type: 'codeBlock', attrs: { language: hostile }, content: [{ text: [[`code ${hostile}`]] }] },
    { type: 'blockquote', content: [paragraph([`quoted ${hostile}`])] },
    { type: 'horizontalRule' },
    { type: 'tableCell', content: [paragraph(['a cell outside a table'])] },
  ];
  const foreign: Spec[] = [
    paragraph([' hostile mark ', { [`mark${hostile}`]: { value: hostile } }]),
    { type: 'marquee', attrs: { onclick: hostile }, content: [paragraph([`unknown node ${hostile}`])] },
    { type: `node${hostile}`, content: [paragraph([`hostile node name ${hostile}`])] },
    { type: 'text', content: [paragraph(['an element named text'])] },
  ];
  return { editor, foreign };
}

/** Writes specs into a Yjs parent as y-prosemirror would (elements, attributes, text with formats). */
function write(parent: Y.XmlFragment | Y.XmlElement, specs: Spec[]): void {
  for (const spec of specs) {
    if ('text' in spec) {
      const text = new Y.XmlText();
      parent.push([text]);
      let at = 0;
      for (const [run, marks] of spec.text) {
        text.insert(at, run, marks as Record<string, unknown> | undefined);
        at += run.length;
      }
      continue;
    }
    const element = new Y.XmlElement(spec.type);
    parent.push([element]);
    for (const [key, value] of Object.entries(spec.attrs ?? {})) element.setAttribute(key, value as string);
    write(element, spec.content ?? []);
  }
}

/**
 * Writes a section's body through a real provider, as two writes: first what the editor could
 * have written (stored, whatever the write policy), then what it never writes (characters XML
 * forbids, nodes and marks it does not have). Returns whether the server stored the second:
 * today it does; once the write policy checks content it must refuse it.
 */
async function writeSection(cookie: string, sectionId: string, body: { editor: Spec[]; foreign: Spec[] }): Promise<boolean> {
  const client = connectSection(server.url, cookie, response.id, sectionId, { acks: '1' });
  const acks = recordWriteAcks(client.provider);
  try {
    await waitFor(() => expect(client.provider.synced).toBe(true));
    await serverRoundTrip(client.provider);
    const before = acks.length;
    client.doc.transact(() => write(client.doc.getXmlFragment(SECTION_FRAGMENT), body.editor));
    await waitFor(() => expect(acks.length).toBe(before + 1));
    expect(acks[before], 'what the editor could write is stored').toEqual({ status: WRITE_STORED, reason: expect.any(String) });
    client.doc.transact(() => write(client.doc.getXmlFragment(SECTION_FRAGMENT), body.foreign));
    // A refusal may be an answer or a closed socket.
    await waitFor(() => expect(acks.length > before + 1 || !client.provider.wsconnected).toBe(true));
    return acks[before + 1]?.status === WRITE_STORED;
  } finally {
    client.destroy();
  }
}

function signOff(cookie: string, section: Section) {
  return api<Section & ErrorBody>(server.url, cookie, 'POST', `/api/responses/${response.id}/sections/${section.id}/signoff`);
}

async function detail(): Promise<ResponseDetail> {
  return (await api<ResponseDetail>(server.url, pcc, 'GET', `/api/responses/${response.id}`)).body;
}

/** The hostile strings in groups of about `size` characters, for fields that hold many at once. */
function groups(size: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const hostile of HOSTILE) {
    if (current && current.length + hostile.length > size) {
      out.push(current);
      current = '';
    }
    current += (current ? ' | ' : '') + hostile;
  }
  if (current) out.push(current);
  return out.map((group) => group.slice(0, size));
}

beforeAll(async () => {
  server = await startTestServer();
  pcc = await login(server.url, 'pcc@example.org');
  chief = await login(server.url, 'chief@example.org');
  lead = await login(server.url, 'lead@example.org');
});

afterAll(async () => {
  await server?.dispose();
});

describe('hostile text in, clean text out', () => {
  it('reads the fixture: every kind of hostile string is there', () => {
    expect(HOSTILE.length).toBeGreaterThan(60);
    for (const needle of ['\uFFFE', '\uFFFF', '\u0000', '\u000B', '\u000C', '\uD800', '\u202E', '\u200B\u200B', ']]>', '<w:p>', '&amp;', '\u0301', '\u200D']) {
      expect(HOSTILE.some((h) => h.includes(needle)), JSON.stringify(needle)).toBe(true);
    }
    expect(HOSTILE.some((h) => h.length > 1000 && !/\s/.test(h))).toBe(true);
  });

  it('takes hostile titles, recommendations and names where the routes accept them', async () => {
    const [title = '', reportTitle = ''] = groups(300);
    const publishedOn = addDays(ukToday(), -3);
    response = await acceptedOrFallback<ResponseDetail>(
      (value) => api(server.url, pcc, 'POST', '/api/responses', { title: value, report: { title: reportTitle, publishedOn, url: 'https://example.org/report' }, optionalSections: [] }),
      title,
      'A response with hostile text',
      201,
    );
    await acceptedOrFallback(
      (value) => api(server.url, pcc, 'PATCH', `/api/responses/${response.id}`, { title: value }),
      `\u202E\uFFFE${title}`.slice(0, 300),
      'A response with hostile text',
      200,
    );
    for (const [email, cookieRole, cookie] of [
      ['chief@example.org', 'chief_constable', chief],
      ['lead@example.org', 'portfolio_lead', lead],
    ] as const) {
      await addExistingMember(server.url, pcc, response.id, cookie, {
        email,
        role: cookieRole,
        capacity: cookieRole === 'chief_constable' ? 'signatory' : 'drafter',
      });
    }
    // Signatories of the portfolio lead's sections whose names are hostile.
    const names = [...groups(200), '\u200B\u200B', '\u202E\uFFFE', '\u3164\u3164'];
    for (const [i, name] of names.entries()) {
      const email = `signer${i}@example.org`;
      let invited: Awaited<ReturnType<typeof inviteUser>>;
      try {
        invited = await inviteUser(server.url, pcc, response.id, { email, role: 'portfolio_lead', capacity: 'signatory', name });
      } catch {
        invited = await inviteUser(server.url, pcc, response.id, { email, role: 'portfolio_lead', capacity: 'signatory', name: `Signer ${i}` });
      }
      signers.push({ cookie: invited.cookie, name: invited.user.name });
    }

    for (const [i, hostile] of HOSTILE.entries()) {
      await acceptedOrFallback(
        (value) => api(server.url, pcc, 'POST', `/api/responses/${response.id}/sections`, { kind: 'prose', title: value, ownerRole: 'portfolio_lead' }),
        hostile.trim().length > 0 ? hostile.slice(0, 300) : hostile,
        `Section ${i + 1}`,
        201,
      );
    }
    for (const [i, group] of groups(2000).entries()) {
      await acceptedOrFallback(
        (value) => api(server.url, pcc, 'POST', `/api/responses/${response.id}/recommendations/import`, { recommendations: [{ text: value }], ownerRole: 'chief_constable', preview: false }),
        group,
        `Recommendation text ${i + 1}`,
        201,
      );
    }
    response = await detail();
    expect(response.sections.length).toBeGreaterThan(HOSTILE.length);
  });

  it('writes every hostile string into section bodies through providers, and signs every section off', async () => {
    const writers: Record<string, string> = { pcc, chief_constable: chief, portfolio_lead: lead };
    for (const [i, section] of response.sections.entries()) {
      const strings = i < 3 || section.kind === 'recommendation' ? HOSTILE.slice((i * 7) % HOSTILE.length, ((i * 7) % HOSTILE.length) + 7) : [HOSTILE[(i - 3) % HOSTILE.length]!];
      // Strings with characters XML forbids go with what the editor never writes.
      const body = { editor: [paragraph([`Section body ${i + 1}.`])], foreign: [] as Spec[] };
      for (const [j, hostile] of strings.entries()) {
        const { editor, foreign } = hostileBody(hostile, i + j);
        if (FORBIDDEN_BY_XML.test(hostile)) {
          body.foreign.push(...editor, ...foreign);
        } else {
          body.editor.push(...editor);
          body.foreign.push(...foreign);
        }
      }
      if (await writeSection(writers[section.ownerRole]!, section.id, body)) foreignStored += 1;
    }
    let nextSigner = 0;
    for (const section of response.sections) {
      const cookie = section.ownerRole === 'pcc' ? pcc : section.ownerRole === 'chief_constable' ? chief : signers[nextSigner++ % signers.length]!.cookie;
      const signed = await signOff(cookie, section);
      expect(signed.status, `${JSON.stringify(section.title)}: ${JSON.stringify(signed.body)}`).toBe(200);
    }
    expect((await detail()).sections.every((section) => section.state === 'signed_off')).toBe(true);
  });

  it('publishes', async () => {
    const published = await api<PublicationInfo & ErrorBody>(server.url, pcc, 'POST', `/api/responses/${response.id}/publish`);
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    publication = published.body;
  });

  it('gives a DOCX whose every XML part is well-formed, with the visible text kept and clean titles', async () => {
    const download = await fetch(`${server.url}${publication.docxUrl}`);
    expect(download.status).toBe(200);
    const docx = new Uint8Array(await download.arrayBuffer());
    let bodyText = '';
    let coreTitle = '';
    const parts = parseDocxStrictly(docx, {
      'word/document.xml': { text: (text, ancestors) => void (ancestors.at(-1) === 'w:t' && (bodyText += text)) },
      'docProps/core.xml': { text: (text, ancestors) => void (ancestors.at(-1) === 'dc:title' && (coreTitle += text)) },
    });
    expect(Object.keys(parts)).toEqual(expect.arrayContaining(['word/document.xml', '[Content_Types].xml', 'docProps/core.xml']));
    for (const [name, xml] of Object.entries(parts)) expect(xml, name).not.toMatch(FORBIDDEN);
    // Markup typed as text is text, and what can be seen of a hostile string is kept.
    for (const kept of ['<w:p>', ']]>', '&amp;', '<script>alert(1)</script>', 'مرحبا بالعالم', '\u{1F469}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466}', 'Antidisestablishmentarianism'.repeat(40)]) {
      expect(bodyText, kept).toContain(kept);
    }
    // The write policy refuses what the editor never writes (U+FFFE and NUL in a body among it).
    expect(foreignStored).toBe(0);
    // Recommendation texts holding them are cleaned on the way in and published without them.
    for (const kept of ['invisiblenoncharacter', 'beforeafter']) expect(bodyText, kept).toContain(kept);
    expect(coreTitle).toBe(cleanSingleLine(coreTitle));
    expect(hasVisibleText(coreTitle)).toBe(true);
  });

  it('gives an HTML page that parses, with nothing XML forbids, headings h1 to h4 only, no script links, clean titles and names', async () => {
    const download = await fetch(`${server.url}${publication.htmlUrl}`);
    expect(download.status).toBe(200);
    const html = decodeUtf8Strictly(new Uint8Array(await download.arrayBuffer()));
    expect(html).not.toMatch(FORBIDDEN);
    // Headings h1 to h4 only (<head>, <header>, <hr> and <html> are not headings).
    expect(html).not.toMatch(/<h(?![1-4][\s>]|ead[\s>]|eader[\s>]|r[\s/>]|tml[\s>])/i);

    const headings: string[] = [];
    const labels: string[] = [];
    const hrefs: string[] = [];
    let tableCaption = '';
    parseHtmlStrictly(html, {
      element: ({ name, attributes, ancestors }) => {
        if (name === 'a' && attributes.href !== undefined) hrefs.push(attributes.href);
        if (name === 'table' && !ancestors.includes('table')) tableCaption = '';
        if (['td', 'th'].includes(name)) expect(attributes.colspan ?? '1', 'colspan').toMatch(/^[1-9]\d{0,2}$/);
        if (['td', 'th'].includes(name)) expect(attributes.rowspan ?? '1', 'rowspan').toMatch(/^[1-9]\d{0,2}$/);
      },
      text: (text, ancestors) => {
        const inside = ancestors.at(-1);
        if (inside === 'caption') tableCaption += text;
        if (inside === 'title' || inside === 'h1' || inside === 'h2') headings.push(text);
        // The sign-off record: section titles in its row headers, signatories' names beside them.
        if (tableCaption.startsWith('Who signed off') && (inside === 'th' || inside === 'td') && ancestors.includes('tbody')) labels.push(text);
      },
    });
    expect(headings.length).toBeGreaterThan(HOSTILE.length);
    expect(labels.length).toBeGreaterThan(HOSTILE.length);
    for (const text of [...headings, ...labels]) {
      expect(text, JSON.stringify(text)).not.toMatch(SPOOFING);
      expect(hasVisibleText(text), JSON.stringify(text)).toBe(true);
    }
    // Out to the web or mail, within the page, or to the publication's own Word version.
    for (const href of hrefs) expect(href, href).toMatch(/^(https?:|mailto:|#|\/published\/[A-Za-z0-9_-]+\.docx$)/);
  });
});
