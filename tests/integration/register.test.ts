// The public register (issue 18): /published lists the PCC's published responses for anyone,
// with an Atom feed (parsed strictly as XML, checked against RFC 4287's rules) and the same as
// JSON; each published page pins the activity record and says how to check it.
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicationInfo, ResponseDetail } from '../../shared/api';
import { addDays, daysBetween, responseDeadline, ukToday } from '../../shared/deadline';
import { registerIndexSchema } from '../../shared/schemas/tracking';
import type { RegisterIndex } from '../../shared/trackingApi';
import { api } from '../helpers/clients';
import { addDemoSignatories, demoCookies, publishSample, signOffAndPublish, writeSection, type DemoCookies } from '../helpers/publishSample';
import { directQuery } from '../helpers/directQuery';
import { startTestServer, type TestServer } from '../helpers/server';

const ATOM = 'http://www.w3.org/2005/Atom';
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const HOSTILE_TITLE = 'Response on "stop & search" <script>alert(1)</script>';

let server: TestServer;
let cookies: DemoCookies;
let sample: ResponseDetail;
let samplePublication: PublicationInfo;
let onTime: ResponseDetail;
let onTimePublication: PublicationInfo;

/** An element of a parsed XML document. */
interface XmlNode {
  name: string;
  uri: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  text: string;
}

/** Parses XML strictly with saxes (namespaces on) into a tree; throws on any error. */
function parseXml(xml: string): XmlNode {
  const parser = new SaxesParser({ xmlns: true });
  const root: XmlNode = { name: '#document', uri: '', attributes: {}, children: [], text: '' };
  const stack: XmlNode[] = [root];
  parser.on('error', (error) => {
    throw error;
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    const attributes: Record<string, string> = {};
    for (const attribute of Object.values(tag.attributes)) attributes[attribute.name] = attribute.value;
    const node: XmlNode = { name: tag.local, uri: tag.uri, attributes, children: [], text: '' };
    stack.at(-1)!.children.push(node);
    if (!tag.isSelfClosing) stack.push(node);
  });
  parser.on('closetag', (tag) => {
    if (!tag.isSelfClosing) stack.pop();
  });
  parser.on('text', (text) => {
    stack.at(-1)!.text += text;
  });
  parser.write(xml).close();
  expect(root.children).toHaveLength(1);
  return root.children[0]!;
}

const childrenNamed = (node: XmlNode, name: string) => node.children.filter((child) => child.name === name);
const only = (node: XmlNode, name: string) => {
  const found = childrenNamed(node, name);
  expect(found, `<${node.name}> must have exactly one <${name}>`).toHaveLength(1);
  return found[0]!;
};

async function get(pathname: string): Promise<Response> {
  // No cookie: the register is public.
  return fetch(`${server.url}${pathname}`);
}

async function registerJson(): Promise<RegisterIndex> {
  const response = await get('/published/index.json');
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  return registerIndexSchema.parse(await response.json());
}

async function atom(): Promise<XmlNode> {
  const response = await get('/published/feed.atom');
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^application\/atom\+xml; charset=utf-8/);
  const xml = await response.text();
  expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n')).toBe(true);
  return parseXml(xml);
}

/** Checks a feed against RFC 4287's rules for the elements it must and may have; returns its entries. */
function checkAtom(feed: XmlNode): XmlNode[] {
  expect(feed).toMatchObject({ name: 'feed', uri: ATOM });
  for (const node of [feed, ...childrenNamed(feed, 'entry')]) {
    for (const child of node.children) expect(child.uri, `<${child.name}> is in the Atom namespace`).toBe(ATOM);
  }
  expect(only(feed, 'id').text).toMatch(/^https?:\/\//);
  expect(only(feed, 'title').text).toBe('Published responses to HMICFRS inspection reports');
  expect(only(feed, 'updated').text).toMatch(RFC3339);
  expect(only(only(feed, 'author'), 'name').text).not.toBe('');
  const links = childrenNamed(feed, 'link').map((link) => link.attributes);
  expect(links).toEqual(
    expect.arrayContaining([
      { rel: 'self', type: 'application/atom+xml', href: `${server.url}/published/feed.atom` },
      { rel: 'alternate', type: 'text/html', href: `${server.url}/published` },
    ]),
  );
  const entries = childrenNamed(feed, 'entry');
  const ids = entries.map((entry) => only(entry, 'id').text);
  expect(new Set(ids).size).toBe(ids.length);
  for (const entry of entries) {
    only(entry, 'title');
    for (const name of ['updated', 'published']) {
      const when = only(entry, name).text;
      expect(when).toMatch(RFC3339);
      expect(Number.isNaN(Date.parse(when))).toBe(false);
    }
    only(only(entry, 'author'), 'name');
    expect(childrenNamed(entry, 'link').filter((link) => link.attributes.rel === 'alternate' && link.attributes.type === 'text/html')).toHaveLength(1);
    only(entry, 'summary');
  }
  return entries;
}

beforeAll(async () => {
  server = await startTestServer({ demo: true });
  cookies = await demoCookies(server.url);
});

afterAll(async () => {
  await server?.dispose();
});

describe('the register before anything is published', () => {
  it('says nothing is published, in every form, without a sign-in', async () => {
    const page = await get('/published');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('<h1>Published responses to HMICFRS inspection reports</h1>');
    expect(html).toContain('Nothing has been published yet.');
    expect((await registerJson()).publications).toEqual([]);
    expect(checkAtom(await atom())).toEqual([]);
  });
});

describe('the register of published responses', () => {
  beforeAll(async () => {
    ({ sample, publication: samplePublication } = await publishSample(server.url, cookies));
    const created = await api<ResponseDetail>(server.url, cookies.pcc, 'POST', '/api/responses', {
      title: HOSTILE_TITLE,
      report: { title: 'Stop & search: a <thematic> inspection', publishedOn: addDays(ukToday(), -5), url: 'https://example.org/stop-search' },
      optionalSections: [],
    });
    expect(created.status).toBe(201);
    await addDemoSignatories(server.url, cookies, created.body.id);
    const writers: Record<string, string> = { pcc: cookies.pcc, chief_constable: cookies.chief, portfolio_lead: cookies.lead };
    for (const section of created.body.sections) await writeSection(server.url, writers[section.ownerRole]!, created.body.id, section.id, 'Our comments.');
    onTimePublication = await signOffAndPublish(server.url, cookies, created.body.id);
    onTime = (await api<ResponseDetail>(server.url, cookies.pcc, 'GET', `/api/responses/${created.body.id}`)).body;
  }, 60_000);

  it('lists every publication as JSON, newest first: report, dates, on time or late, files and their hashes', async () => {
    const index = await registerJson();
    expect(index).toMatchObject({
      title: 'Published responses to HMICFRS inspection reports',
      htmlUrl: `${server.url}/published`,
      feedUrl: `${server.url}/published/feed.atom`,
      updated: onTimePublication.publishedAt,
    });
    const today = ukToday();
    expect(index.publications).toEqual([
      {
        publicationId: onTimePublication.id,
        title: HOSTILE_TITLE,
        report: onTime.report,
        deadline: responseDeadline(addDays(today, -5)),
        publishedAt: onTimePublication.publishedAt,
        publishedOn: today,
        publishedBy: 'Alex Morgan',
        onTime: true,
        daysLate: 0,
        htmlUrl: `${server.url}${onTimePublication.htmlUrl}`,
        docxUrl: `${server.url}${onTimePublication.docxUrl}`,
        htmlSha256: onTimePublication.htmlSha256,
        docxSha256: onTimePublication.docxSha256,
      },
      expect.objectContaining({
        publicationId: samplePublication.id,
        title: sample.title,
        report: { title: sample.report.title, publishedOn: '2021-12-02', url: sample.report.url },
        deadline: '2022-01-26',
        publishedOn: today,
        onTime: false,
        daysLate: daysBetween('2022-01-26', today),
      }),
    ]);
    // The addresses serve the files they name.
    const file = await fetch(index.publications[1]!.htmlUrl);
    expect(file.status).toBe(200);
    expect((await file.text()).length).toBeGreaterThan(1000);
  });

  it('publishes the same as a valid Atom feed, its text escaped', async () => {
    const entries = checkAtom(await atom());
    expect(entries.map((entry) => only(entry, 'title').text)).toEqual([HOSTILE_TITLE, sample.title]);
    const [first, second] = entries as [XmlNode, XmlNode];
    expect(only(first, 'id').text).toBe(`${server.url}${onTimePublication.htmlUrl}`);
    expect(only(first, 'updated').text).toBe(onTimePublication.publishedAt);
    expect(childrenNamed(first, 'link').map((link) => link.attributes)).toEqual([
      { rel: 'alternate', type: 'text/html', href: `${server.url}${onTimePublication.htmlUrl}` },
      {
        rel: 'enclosure',
        type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        href: `${server.url}${onTimePublication.docxUrl}`,
        title: 'DOCX',
      },
    ]);
    expect(only(first, 'summary').text).toMatch(/^In response to the HMICFRS report "Stop & search: a <thematic> inspection", published .*: on time\.$/);
    expect(only(second, 'summary').text).toMatch(/Statutory deadline 26 January 2022; published .*: late by [\d,]+ days\.$/);
  });

  it('serves the register page to anyone: each response with its report, dates, timeliness and files', async () => {
    const page = await get('/published');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).not.toContain('<script');
    expect(html).toContain('Response on &quot;stop &amp; search&quot; &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain(`<a href="${server.url}/published/${samplePublication.id}">${sample.title}</a>`);
    expect(html).toMatch(/<dt>Statutory deadline<\/dt><dd>26 January 2022<\/dd>/);
    expect(html).toMatch(/<strong class="tag tag--on-time">On time<\/strong>/);
    expect(html).toMatch(/<strong class="tag tag--late">Late by [\d,]+ days<\/strong>/);
    expect(html).toContain(`href="${server.url}/published/${onTimePublication.id}.docx" aria-label="Download the DOCX of Response on &quot;stop &amp; search&quot;`);
    expect(html).toContain('<link rel="alternate" type="application/atom+xml"');
    expect(html.indexOf(HOSTILE_TITLE.slice(0, 10))).toBeLessThan(html.indexOf(sample.title));
  });

  it('keeps serving each publication at its own address', async () => {
    const docx = await get(`/published/${samplePublication.id}.docx`);
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect((await get('/published/no-such-publication')).status).toBe(404);
  });

  it('pins the activity record on the published page, and says how to check it', async () => {
    const html = await (await get(samplePublication.htmlUrl)).text();
    expect(html).toContain('<h2>Checking this record</h2>');
    const pin = /its record ended at entry (\d+), whose SHA-256 is <code class="hash">([0-9a-f]{64})<\/code>/.exec(html);
    expect(pin, 'the page names the entry it pins').not.toBeNull();
    expect(html).toContain('npm run verify');
    expect(html).toContain('node dist-server/cli.js verify');
    // Read from a connection of its own to the database (SQLite or PostgreSQL).
    const [entry] = await directQuery(server, `SELECT hash, action FROM audit_events WHERE response_id = '${sample.id}' AND seq = ${Number(pin![1])}`);
    expect(entry).toEqual({ hash: pin![2], action: 'section.signed_off' });
    const [seal] = await directQuery(server, `SELECT audit_seq, audit_hash, html_sha256 FROM publication_seals WHERE publication_id = '${samplePublication.id}'`);
    expect({ ...seal, audit_seq: Number(seal?.audit_seq) }).toEqual({ audit_seq: Number(pin![1]), audit_hash: pin![2], html_sha256: samplePublication.htmlSha256 });
  });
});

describe('a configured public address', () => {
  it('names the feeds and files on it, whatever host the request came to', async () => {
    const other = await startTestServer({ demo: false, config: { publicUrl: 'https://responses.example-pcc.gov.uk' } });
    try {
      const index = registerIndexSchema.parse(await (await fetch(`${other.url}/published/index.json`)).json());
      expect(index.feedUrl).toBe('https://responses.example-pcc.gov.uk/published/feed.atom');
      const response = await fetch(`${other.url}/published/feed.atom`);
      expect(response.headers.get('cache-control')).toBe('public, max-age=300');
      expect(await response.text()).toContain('<link rel="self" type="application/atom+xml" href="https://responses.example-pcc.gov.uk/published/feed.atom"/>');
    } finally {
      await other.dispose();
    }
  });
});
