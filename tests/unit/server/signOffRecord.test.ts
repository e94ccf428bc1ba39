// The publication's sign-off record, in HTML and DOCX: per section, who signed it off, when, the
// version of its history they signed (its id) and the SHA-256 of its content. A sign-off from
// before sections had a history says so; whatever an id holds is shown as text.
import { describe, expect, it } from 'vitest';
import { renderPublicationDocx } from '../../../server/publish/renderDocx';
import { renderPublicationHtml } from '../../../server/publish/renderHtml';
import type { PublicationInput } from '../../../server/publish/PublicationInput';
import { paragraph, publicationOf, text } from '../../helpers/publicationInput';
import { decodeUtf8Strictly, docxParts, findAll, parseHtmlStrictly, parseXmlTree, textOf } from '../../helpers/strictXml';

const VERSION_ID = 'v1a2b3c4d5e6f7a8b9c0';
const HASH = 'ab'.repeat(32);

/** Two signed sections: one naming the version it signed, one from before history (no version). */
function input(versionId: string = VERSION_ID): PublicationInput {
  const publication = publicationOf([
    { title: 'Chief Officer comments', content: [paragraph(text('The force notes the report.'))], signedBy: 'Sam Taylor' },
    { title: 'HMI comments', content: [paragraph(text('In support.'))] },
  ]);
  publication.sections[0]!.section.signOff.versionId = versionId;
  return publication;
}

/** The rows of the record's table in the HTML, as the text of their cells. */
function htmlRecord(html: string): string[][] {
  const start = html.indexOf('<section id="sign-off-record"><h2>Sign-off record</h2>');
  const tree = parseXmlTree(html.slice(start, html.indexOf('</section>', start) + '</section>'.length), 'sign-off record');
  const table = findAll(tree, 'table')[0]!;
  expect(textOf(findAll(table, 'caption')[0]!)).toMatch(/^Who signed off each section, .*the version of its history they signed/);
  return findAll(table, 'tr').map((row) => row.children.filter((c) => typeof c !== 'string').map((c) => textOf(c as never)));
}

describe('the sign-off record', () => {
  it('lists, per section in the HTML, the version signed and its hash, and says when no version was recorded', () => {
    const html = renderPublicationHtml(input());
    parseHtmlStrictly(html);
    const rows = htmlRecord(html);
    expect(rows[0]).toEqual(['Section', 'Signed off by', 'Organisation', 'Identity checked by', 'When', 'Version signed', 'SHA-256 of the signed text']);
    expect(rows[1]).toEqual(['Chief Officer comments', 'Sam Taylor', 'Not recorded', 'Not recorded', expect.any(String), VERSION_ID, HASH]);
    expect(rows[2]).toEqual(['HMI comments', 'Alex Morgan', 'Not recorded', 'Not recorded', expect.any(String), 'Not recorded', HASH]);
  });

  it('lists the same in the DOCX', async () => {
    const parts = docxParts(await renderPublicationDocx(input()));
    const document = parseXmlTree(decodeUtf8Strictly(parts['word/document.xml']!), 'word/document.xml');
    const record = findAll(document, 'w:tbl').at(-1)!;
    const rows = findAll(record, 'w:tr').map((row) => findAll(row, 'w:tc').map(textOf));
    expect(rows[0]).toEqual(['Section', 'Signed off by', 'Organisation', 'Identity checked by', 'When', 'Version signed', 'SHA-256 of content']);
    expect(rows[1]).toEqual(['Chief Officer comments', 'Sam Taylor', 'Not recorded', 'Not recorded', expect.any(String), VERSION_ID, HASH]);
    expect(rows[2]).toEqual(['HMI comments', 'Alex Morgan', 'Not recorded', 'Not recorded', expect.any(String), 'Not recorded', HASH]);
  });

  it('shows whatever a stored version id holds as text, in both', async () => {
    const hostile = '<script>alert(1)</script>\u0000\uFFFE';
    const html = renderPublicationHtml(input(hostile));
    parseHtmlStrictly(html);
    expect(html).not.toContain('<script>');
    expect(htmlRecord(html)[1]![5]).toBe('<script>alert(1)</script>');
    const parts = docxParts(await renderPublicationDocx(input(hostile)));
    const document = parseXmlTree(decodeUtf8Strictly(parts['word/document.xml']!), 'word/document.xml');
    expect(findAll(findAll(document, 'w:tbl').at(-1)!, 'w:tr').map((row) => findAll(row, 'w:tc').map(textOf))[1]![5]).toBe('<script>alert(1)</script>');
  });
});
