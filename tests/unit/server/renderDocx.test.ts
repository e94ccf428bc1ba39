import { describe, expect, it } from 'vitest';
import type { ContentNode } from '../../../server/content/sectionContent';
import { renderPublicationDocx } from '../../../server/publish/renderDocx';
import { hostileStrings } from '../../helpers/hostileStrings';
import { node, paragraph, publicationOf, text, type SectionOf } from '../../helpers/publicationInput';
import { decodeUtf8Strictly, docxParts, findAll, parseDocxStrictly, parseXmlTree, textOf, type XmlNode } from '../../helpers/strictXml';

const cell = (type: 'tableCell' | 'tableHeader', value: string, attrs?: Record<string, unknown>) => node(type, [paragraph(text(value))], attrs);
const row = (...cells: ContentNode[]) => node('tableRow', cells);

/** The DOCX of one prose section with this content: its document body, numbering and relationships, parsed. */
async function render(content: ContentNode[], sections: SectionOf[] = []) {
  const docx = await renderPublicationDocx(publicationOf([{ title: 'Section', content }, ...sections]));
  const parts = docxParts(docx);
  const part = (name: string) => parseXmlTree(decodeUtf8Strictly(parts[name]!), name);
  const document = part('word/document.xml');
  const body = findAll(document, 'w:body')[0]!;
  // The section's own content: after its h2 ("Section"), before the sign-off record's h2.
  const blocks = body.children.filter((child): child is XmlNode => typeof child !== 'string');
  const start = blocks.findIndex((block) => textOf(block) === 'Section') + 1;
  const end = blocks.findIndex((block) => textOf(block) === 'Sign-off record');
  return { docx, blocks: blocks.slice(start, end), numbering: part('word/numbering.xml'), rels: part('word/_rels/document.xml.rels'), core: part('docProps/core.xml'), document };
}

function attribute(node: XmlNode, path: string[], name: string): string | undefined {
  let current: XmlNode | undefined = node;
  for (const step of path) current = current && findAll(current, step)[0];
  return current?.attributes[name];
}

const style = (paragraph: XmlNode) => attribute(paragraph, ['w:pPr', 'w:pStyle'], 'w:val');

describe('renderPublicationDocx: headings', () => {
  it('styles the editor levels 1 and 2 as Heading 3 and 4, and clamps every other level', async () => {
    const levels: unknown[] = [1, 2, 'x', 99, null, Number.NaN, -1, '2', {}];
    const { blocks } = await render(levels.map((level) => node('heading', [text(`H ${String(level)}`)], { level })));
    expect(blocks.map(style)).toEqual(['Heading3', 'Heading4', 'Heading3', 'Heading4', 'Heading3', 'Heading3', 'Heading3', 'Heading4', 'Heading3']);
  });

  it('does not switch bold off in a heading (its style makes it bold)', async () => {
    const { blocks } = await render([node('heading', [text('Plain heading')], { level: 1 })]);
    expect(findAll(blocks[0]!, 'w:b')).toEqual([]);
  });
});

describe('renderPublicationDocx: tables', () => {
  it('renders a table with its header row repeated on each page, spans as gridSpan and vMerge', async () => {
    const { blocks } = await render([
      node('table', [
        row(cell('tableHeader', 'Name'), cell('tableHeader', 'Role')),
        row(cell('tableCell', 'wide', { colspan: 2, rowspan: 1 })),
        row(cell('tableCell', 'tall', { colspan: 1, rowspan: 2 }), cell('tableCell', 'x')),
        row(cell('tableCell', 'y')),
      ]),
    ]);
    expect(blocks.map((block) => block.name)).toEqual(['w:tbl']);
    const rows = findAll(blocks[0]!, 'w:tr');
    expect(rows.map((r) => findAll(r, 'w:tblHeader').some((h) => h.attributes['w:val'] !== 'off'))).toEqual([true, false, false, false]);
    expect(rows.map((r) => findAll(r, 'w:tc').map(textOf))).toEqual([['Name', 'Role'], ['wide'], ['tall', 'x'], ['', 'y']]);
    expect(attribute(rows[1]!, ['w:tc', 'w:tcPr', 'w:gridSpan'], 'w:val')).toBe('2');
    expect(attribute(rows[2]!, ['w:tc', 'w:tcPr', 'w:vMerge'], 'w:val')).toBe('restart');
    expect(attribute(rows[3]!, ['w:tc', 'w:tcPr', 'w:vMerge'], 'w:val')).toBe('continue');
    // Header cells' text is bold; body cells' is not.
    expect(findAll(findAll(rows[0]!, 'w:tc')[0]!, 'w:b')).toHaveLength(1);
    expect(findAll(rows[2]!, 'w:b')).toHaveLength(0);
  });

  it('clamps hostile spans, drops empty rows and empty tables, and keeps what is not in a cell', async () => {
    const { blocks } = await render([
      node('table', [row(cell('tableCell', 'a', { colspan: 99_999, rowspan: 'x' })), row(), paragraph(text('loose')), row(cell('tableCell', 'b', { rowspan: 50, colspan: -2 }))]),
      node('table', [row()]),
    ]);
    expect(blocks.map((block) => block.name)).toEqual(['w:tbl']);
    const rows = findAll(blocks[0]!, 'w:tr');
    expect(rows.map((r) => findAll(r, 'w:tc').map(textOf))).toEqual([['a'], ['loose'], ['b']]);
    expect(attribute(rows[0]!, ['w:tc', 'w:tcPr', 'w:gridSpan'], 'w:val')).toBe('100');
    expect(findAll(rows[2]!, 'w:vMerge')).toEqual([]);
    expect(findAll(rows[2]!, 'w:gridSpan')).toEqual([]);
  });

  it('ends every cell with a paragraph, also when it holds a table', async () => {
    const { blocks } = await render([node('table', [row(node('tableCell', [paragraph(text('outer')), node('table', [row(cell('tableCell', 'inner'))])]), node('tableCell', []))])]);
    for (const tc of findAll(blocks[0]!, 'w:tc')) {
      const children = tc.children.filter((child): child is XmlNode => typeof child !== 'string' && child.name !== 'w:tcPr');
      expect(children.at(-1)?.name).toBe('w:p');
    }
    // Two cells of the outer table, one of the inner.
    expect(findAll(blocks[0]!, 'w:tc')).toHaveLength(3);
    expect(findAll(blocks[0]!, 'w:tbl')).toHaveLength(2);
  });
});

describe('renderPublicationDocx: lists', () => {
  it('renders lists nested in lists at their levels, bullets and numbers each with their own numbering', async () => {
    const { blocks, numbering } = await render([
      node('bulletList', [
        node('listItem', [
          paragraph(text('one')),
          paragraph(text('one, more')),
          node('orderedList', [node('listItem', [paragraph(text('one.a')), node('bulletList', [node('listItem', [paragraph(text('deep'))])])]), node('listItem', [paragraph(text('one.b'))])]),
        ]),
        node('listItem', [paragraph(text('two'))]),
      ]),
      node('orderedList', [node('listItem', [paragraph(text('again one'))])]),
    ]);
    const level = (p: XmlNode) => attribute(p, ['w:pPr', 'w:numPr', 'w:ilvl'], 'w:val');
    const numId = (p: XmlNode) => attribute(p, ['w:pPr', 'w:numPr', 'w:numId'], 'w:val');
    expect(blocks.map(textOf)).toEqual(['one', 'one, more', 'one.a', 'deep', 'one.b', 'two', 'again one']);
    expect(blocks.map(level)).toEqual(['0', undefined, '1', '2', '1', '0', '0']);
    // The second paragraph of an item is indented under it, not bulleted.
    expect(attribute(blocks[1]!, ['w:pPr', 'w:ind'], 'w:left')).toBe('720');

    /** The number format of a paragraph's list at its level, from numbering.xml. */
    const format = (p: XmlNode) => {
      const num = findAll(numbering, 'w:num').find((n) => n.attributes['w:numId'] === numId(p))!;
      const abstractId = attribute(num, ['w:abstractNumId'], 'w:val');
      const abstract = findAll(numbering, 'w:abstractNum').find((a) => a.attributes['w:abstractNumId'] === abstractId)!;
      const lvl = findAll(abstract, 'w:lvl').find((l) => l.attributes['w:ilvl'] === level(p))!;
      return attribute(lvl, ['w:numFmt'], 'w:val');
    };
    const listed = blocks.filter((p) => level(p) !== undefined);
    expect(listed.map(format)).toEqual(['bullet', 'lowerLetter', 'bullet', 'lowerLetter', 'bullet', 'decimal']);
    // "one.a" and "one.b" are one list; the second ordered list counts again from 1 (its own instance).
    expect(numId(blocks[2]!)).toBe(numId(blocks[4]!));
    expect(numId(blocks[6]!)).not.toBe(numId(blocks[2]!));
  });
});

describe('renderPublicationDocx: text, marks and links', () => {
  it('keeps markup as text and removes what XML forbids', async () => {
    const { blocks } = await render([paragraph(text('<w:p>]]>&amp;\uFFFE\u0000 \uD800end'))]);
    expect(textOf(blocks[0]!)).toBe('<w:p>]]>&amp; end');
  });

  it('links to http, https and mailto only, through an external relationship', async () => {
    const link = (href: unknown, label: string) => text(label, [{ type: 'link', attrs: { href } }]);
    const { blocks, rels } = await render([paragraph(link('https://example.org/?a=1&b="2"', 'good'), link('javascript:alert(1)', 'bad'), link({}, 'odd'))]);
    const hyperlinks = findAll(blocks[0]!, 'w:hyperlink');
    expect(hyperlinks.map(textOf)).toEqual(['good']);
    const target = findAll(rels, 'Relationship').find((r) => r.attributes.Id === hyperlinks[0]!.attributes['r:id'])!;
    expect(target.attributes).toMatchObject({ Target: 'https://example.org/?a=1&b=%222%22', TargetMode: 'External' });
    expect(textOf(blocks[0]!)).toBe('goodbadodd');
  });

  it('breaks lines of code blocks and hard breaks, and renders unknown nodes and elements named "text" as their content', async () => {
    const { blocks } = await render([node('codeBlock', [text('a\nb')]), paragraph(text('x'), node('hardBreak'), text('y')), node('marquee', [paragraph(text('m'))]), node('text', [paragraph(text('t'))])]);
    expect(blocks.map(textOf)).toEqual(['ab', 'xy', 'm', 't']);
    expect(findAll(blocks[0]!, 'w:br')).toHaveLength(1);
    expect(findAll(blocks[1]!, 'w:br')).toHaveLength(1);
  });
});

describe('renderPublicationDocx: titles and names', () => {
  it('cleans the titles, names and document properties, with a visible fallback', async () => {
    const docx = await renderPublicationDocx(
      publicationOf([{ title: '\u200B\u200B', content: [paragraph(text('Body'))], signedBy: '\u202ESam\u200B Smith\uFFFE' }], { title: '\u202EA\u0000 response', reportTitle: '\u3164' }),
    );
    const texts = parseDocxStrictly(docx);
    const core = parseXmlTree(texts['docProps/core.xml']!);
    expect(textOf(findAll(core, 'dc:title')[0]!)).toBe('A response');
    expect(textOf(findAll(core, 'dc:description')[0]!)).toBe('Response to Untitled report');
    const document = textOf(parseXmlTree(texts['word/document.xml']!));
    expect(document).toContain('Untitled section');
    expect(document).toContain('Sam Smith');
    expect(document).not.toMatch(/[\u200B\u202E\uFFFE\u3164]/);
  });

  it('is well-formed in every part, for every hostile string everywhere', async () => {
    const strings = hostileStrings();
    const docx = await renderPublicationDocx(
      publicationOf(
        strings.map((hostile, i) => ({
          title: hostile,
          signedBy: hostile,
          ...(i % 5 === 0 ? { recommendation: hostile } : {}),
          content: [
            node('heading', [text(hostile)], { level: hostile }),
            paragraph(text(hostile, [{ type: 'link', attrs: { href: `https://example.org/${hostile}` } }]), node('hardBreak'), text(hostile, [{ type: 'bold' }])),
            node('table', [row(cell('tableHeader', hostile, { colspan: hostile })), row(cell('tableCell', hostile, { rowspan: hostile }))]),
            node('bulletList', [node('listItem', [paragraph(text(hostile)), node('orderedList', [node('listItem', [paragraph(text(hostile))])])])]),
            node('codeBlock', [text(hostile)]),
          ],
        })),
        { title: strings.join(' '), reportTitle: strings.join(''), reportUrl: `https://example.org/${strings.join('')}`, publishedBy: strings.join('') },
      ),
    );
    expect(() => parseDocxStrictly(docx)).not.toThrow();
  });
});

describe('renderPublicationDocx: the sign-off record', () => {
  it("names each signatory's organisation and how their identity was checked", async () => {
    const input = publicationOf([{ title: 'PCC comments', content: [paragraph(text('Yes.'))] }]);
    input.sections[0]!.section.signOff = { ...input.sections[0]!.section.signOff, organisation: 'Office of the PCC', identityCheck: 'local password' };
    const docx = await renderPublicationDocx(input);
    const document = parseXmlTree(decodeUtf8Strictly(docxParts(docx)['word/document.xml']!), 'document');
    const rows = findAll(document, 'w:tr').map((tr) => findAll(tr, 'w:tc').map((tc) => textOf(tc)));
    expect(rows).toContainEqual(['Section', 'Signed off by', 'Organisation', 'Identity checked by', 'When', 'Version signed', 'SHA-256 of content']);
    expect(rows.find((cells) => cells[0] === 'PCC comments')?.slice(1, 4)).toEqual(['Alex Morgan', 'Office of the PCC', 'local password']);
  });
});
