import { describe, expect, it } from 'vitest';
import { PRINT_SCRIPT_TAG } from '../../../server/publish/publicationStyle';
import { renderContent, renderPublicationHtml } from '../../../server/publish/renderHtml';
import { hostileStrings } from '../../helpers/hostileStrings';
import { node, paragraph, publicationOf, text } from '../../helpers/publicationInput';
import { parseHtmlStrictly } from '../../helpers/strictXml';

const doc = (...content: ReturnType<typeof node>[]) => node('doc', content);
const cell = (type: 'tableCell' | 'tableHeader', value: string, attrs?: Record<string, unknown>) => node(type, [paragraph(text(value))], attrs);
const row = (...cells: ReturnType<typeof node>[]) => node('tableRow', cells);

describe('renderContent: headings', () => {
  it('renders the editor levels 1 and 2 as h3 and h4, under the section title h2', () => {
    expect(renderContent(doc(node('heading', [text('One')], { level: 1 }), node('heading', [text('Two')], { level: 2 })))).toBe('<h3>One</h3><h4>Two</h4>');
  });

  it('clamps every other level to h3 or h4, never NaN', () => {
    const cases: Array<[unknown, 3 | 4]> = [
      [undefined, 3],
      [null, 3],
      ['x', 3],
      [Number.NaN, 3],
      [0, 3],
      [-1, 3],
      [{}, 3],
      [[2], 3],
      [true, 3],
      ['', 3],
      ['1', 3],
      ['2', 4],
      [2.5, 4],
      [3, 4],
      [6, 4],
      [99, 4],
      [Number.POSITIVE_INFINITY, 3],
      [1e308, 4],
    ];
    for (const [level, expected] of cases) {
      const html = renderContent(node('heading', [text('H')], level === undefined ? undefined : { level }));
      expect(html, String(level)).toBe(`<h${expected}>H</h${expected}>`);
    }
  });
});

describe('renderContent: tables', () => {
  it('renders a first row of header cells as thead, its cells heading their columns', () => {
    const html = renderContent(node('table', [row(cell('tableHeader', 'Name'), cell('tableHeader', 'Role')), row(cell('tableCell', 'Alex'), cell('tableCell', 'PCC'))]));
    expect(html).toBe(
      '<table><thead><tr><th scope="col"><p>Name</p></th><th scope="col"><p>Role</p></th></tr></thead>' +
        '<tbody><tr><td><p>Alex</p></td><td><p>PCC</p></td></tr></tbody></table>',
    );
  });

  it('renders a header cell starting a body row as that row\'s header, and a table without a header row all in tbody', () => {
    const html = renderContent(node('table', [row(cell('tableHeader', 'Q1'), cell('tableCell', '12')), row(cell('tableHeader', 'Q2'), cell('tableHeader', 'odd'))]));
    expect(html).toBe('<table><tbody><tr><th scope="row"><p>Q1</p></th><td><p>12</p></td></tr><tr><th scope="row"><p>Q2</p></th><th><p>odd</p></th></tr></tbody></table>');
  });

  it('writes colspan and rowspan above 1, clamped to whole numbers that fit the table', () => {
    const html = renderContent(
      node('table', [
        row(cell('tableCell', 'wide', { colspan: 2, rowspan: 1, colwidth: null })),
        row(cell('tableCell', 'tall', { colspan: 1, rowspan: 2 }), cell('tableCell', 'x')),
        row(cell('tableCell', 'huge', { colspan: 99_999, rowspan: 99 }), cell('tableCell', 'bad', { colspan: 'x', rowspan: -3 }), cell('tableCell', 'frac', { colspan: 2.7 })),
      ]),
    );
    expect(html).toContain('<td colspan="2"><p>wide</p></td>');
    expect(html).toContain('<td rowspan="2"><p>tall</p></td>');
    expect(html).toContain('<td colspan="100"><p>huge</p></td>');
    expect(html).toContain('<td><p>bad</p></td>');
    expect(html).toContain('<td colspan="2"><p>frac</p></td>');
    expect(html).not.toMatch(/NaN|span="(0|-)/);
  });

  it('keeps a header row to itself: its cells do not reach into the body', () => {
    const html = renderContent(node('table', [row(cell('tableHeader', 'H', { rowspan: 3 })), row(cell('tableCell', 'a'))]));
    expect(html).toBe('<table><thead><tr><th scope="col"><p>H</p></th></tr></thead><tbody><tr><td><p>a</p></td></tr></tbody></table>');
  });

  it('draws what a stored table holds that the editor never makes, and drops only empty rows', () => {
    const html = renderContent(node('table', [row(), node('paragraph', [text('loose')]), row(paragraph(text('not in a cell')))]));
    expect(html).toBe('<table><tbody><tr><td><p>loose</p></td></tr><tr><td><p>not in a cell</p></td></tr></tbody></table>');
    expect(renderContent(node('table', []))).toBe('');
    expect(renderContent(node('table', [row()]))).toBe('');
  });

  it('renders lists and tables inside cells, and tables inside tables', () => {
    const html = renderContent(
      node('table', [row(node('tableCell', [paragraph(text('a')), node('bulletList', [node('listItem', [paragraph(text('b'))])]), node('table', [row(cell('tableCell', 'c'))])]))]),
    );
    expect(html).toBe('<table><tbody><tr><td><p>a</p><ul><li><p>b</p></li></ul><table><tbody><tr><td><p>c</p></td></tr></tbody></table></td></tr></tbody></table>');
  });

  it('renders cells found outside a table as their content', () => {
    expect(renderContent(doc(node('tableCell', [paragraph(text('stray'))]), node('tableRow', [cell('tableCell', 'row')])))).toBe('<p>stray</p><p>row</p>');
  });
});

describe('renderContent: lists', () => {
  it('renders lists nested in lists', () => {
    const html = renderContent(
      node('bulletList', [
        node('listItem', [
          paragraph(text('one')),
          node('orderedList', [node('listItem', [paragraph(text('one.a')), node('bulletList', [node('listItem', [paragraph(text('deep'))])])]), node('listItem', [paragraph(text('one.b'))])]),
        ]),
        node('listItem', [paragraph(text('two'))]),
      ]),
    );
    expect(html).toBe('<ul><li><p>one</p><ol><li><p>one.a</p><ul><li><p>deep</p></li></ul></li><li><p>one.b</p></li></ol></li><li><p>two</p></li></ul>');
  });
});

describe('renderContent: text and marks', () => {
  it('escapes markup and removes what XML forbids', () => {
    expect(renderContent(paragraph(text('<w:p>]]>&amp;\uFFFE\u0000\u0085"\'')))).toBe('<p>&lt;w:p&gt;]]&gt;&amp;amp;&quot;&#39;</p>');
  });

  it('renders the editor\'s marks, overlapping ones too', () => {
    expect(renderContent(text('x', [{ type: 'bold' }, { type: 'italic' }, { type: 'underline' }, { type: 'strike' }, { type: 'code' }]))).toBe('<code><s><u><em><strong>x</strong></em></u></s></code>');
    expect(renderContent(text('x', [{ type: 'bold--a1b2' }]))).toBe('<strong>x</strong>');
    expect(renderContent(text('x', [{ type: 'marquee' }]))).toBe('x');
  });

  it('links only to http, https and mailto, serialised and escaped; the text stays either way', () => {
    const link = (href: unknown) => renderContent(text('site', [{ type: 'link', attrs: { href } }]));
    expect(link('https://example.org/a?b=1&c="2"')).toBe('<a href="https://example.org/a?b=1&amp;c=%222%22">site</a>');
    expect(link('mailto:pcc@example.org')).toBe('<a href="mailto:pcc@example.org">site</a>');
    expect(link('https://example.org/\uFFFE\u202E')).toBe('<a href="https://example.org/%E2%80%AE">site</a>');
    for (const bad of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', ' javascript:alert(1)', 'data:text/html,x', 'vbscript:x', '/relative', '', 42, {}, null]) {
      expect(link(bad), String(bad)).toBe('site');
    }
  });

  it('renders an element named "text" without text as its children, and unknown nodes as their children', () => {
    expect(renderContent(doc(node('text', [paragraph(text('inside'))]), node('marquee', [paragraph(text('scrolling'))])))).toBe('<p>inside</p><p>scrolling</p>');
  });

  it('renders code blocks, quotes, breaks and rules', () => {
    expect(renderContent(doc(node('codeBlock', [text('a\n<b>')], { language: '"><x' }), node('blockquote', [paragraph(text('q'))]), paragraph(text('a'), node('hardBreak'), text('b')), node('horizontalRule')))).toBe(
      '<pre><code>a\n&lt;b&gt;</code></pre><blockquote><p>q</p></blockquote><p>a<br>b</p><hr>',
    );
  });
});

describe('renderPublicationHtml', () => {
  it('cleans titles and names, and gives a visible fallback when nothing visible is left', () => {
    const html = renderPublicationHtml(
      publicationOf(
        [
          { title: '\u202EChief\u200B Officer\ncomments\uFFFE', content: [paragraph(text('Body'))], signedBy: 'Sam\u200B \u202ESmith' },
          { title: '\u200B\u200B', content: [paragraph(text('Body'))], signedBy: '\u3164\u3164' },
          { title: 'Recommendation 1', recommendation: 'By March 2027,\nchief constables should\u202E act\uFFFE.', content: [paragraph(text('Agreed'))] },
        ],
        { title: 'A\u202E response\u0000', reportTitle: '\u200B', publishedBy: 'Alex\u2066 Morgan' },
      ),
    );
    expect(html).toContain('<title>A response</title>');
    expect(html).toContain('<h1>A response</h1>');
    expect(html).toContain('<h2>Chief Officer comments</h2>');
    expect(html).toContain('<h2>Untitled section</h2>');
    expect(html).toContain('>Untitled report</a>');
    expect(html).toContain('<td role="cell" data-label="Signed off by">Sam Smith</td>');
    expect(html).toContain('<td role="cell" data-label="Signed off by">Unnamed member</td>');
    expect(html).toContain('<td role="cell" data-label="Recommendation">By March 2027,<br>chief constables should act.</td>');
    expect(html).toContain('Published by Alex Morgan on');
  });

  it('is laid out as a GOV.UK HTML publication: organisation, title block, download and print, contents, the record explained', () => {
    const html = renderPublicationHtml(
      publicationOf([
        { title: "PCC's comments", content: [paragraph(text('Body'))] },
        { title: 'Recommendation 1', recommendation: 'Act.', content: [paragraph(text('Agreed'))] },
        { title: 'Recommendation 2', recommendation: 'Act again.', content: [paragraph(text('Agreed'))] },
      ]),
      { docx: { href: '/published/p1.docx', bytes: 12_800, sha256: 'cd'.repeat(32) }, organisation: 'Office of the PCC for Wiltshire' },
    );
    expect(html).toContain('<header class="org"><div class="width"><p>Office of the PCC for Wiltshire</p></div></header>');
    expect(html).toContain('<p class="dates">Published 1 December 2026</p>');
    expect(html).toContain('<a class="file" href="/published/p1.docx" download="">Download the Word version (DOCX)</a>');
    expect(html).toContain(`DOCX, 13 KB. SHA-256 <code class="hash">${'cd'.repeat(32)}</code>`);
    expect(html).toContain('<button class="print" type="button" data-print="" hidden="">Print this page</button>');
    // One script, pinned by its hash: "Print this page".
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toContain(PRINT_SCRIPT_TAG);
    expect(PRINT_SCRIPT_TAG).toMatch(/^<script src="\/published\/assets\/print.js" integrity="sha256-[A-Za-z0-9+/]{43}=" defer=""><\/script>$/);
    // One entry per prose section, one for the recommendations, one for the record; each leads to its place.
    expect(html).toContain(
      '<ol><li><a href="#section-section-0">PCC&#39;s comments</a></li><li><a href="#recommendations">Recommendations</a></li><li><a href="#sign-off-record">Sign-off record</a></li><li><a href="#verification">Checking this record</a></li></ol>',
    );
    for (const id of ['section-section-0', 'recommendations', 'sign-off-record']) expect(html).toContain(`<section id="${id}">`);
    expect(html).toContain('The SHA-256 beside each section is a fingerprint of the text that was signed');
    expect(html).toContain('@media print');
  });

  it('parses as XML once void elements are closed, for every hostile string everywhere', () => {
    const strings = hostileStrings();
    const html = renderPublicationHtml(
      publicationOf(
        strings.map((hostile, i) => ({
          title: hostile,
          signedBy: hostile,
          ...(i % 5 === 0 ? { recommendation: hostile } : {}),
          content: [
            node('heading', [text(hostile)], { level: hostile }),
            paragraph(text(hostile, [{ type: 'link', attrs: { href: hostile } }]), node('hardBreak'), text(hostile, [{ type: 'bold' }])),
            node('table', [row(cell('tableHeader', hostile, { colspan: hostile })), row(cell('tableCell', hostile, { rowspan: hostile }))]),
            node('bulletList', [node('listItem', [paragraph(text(hostile)), node('orderedList', [node('listItem', [paragraph(text(hostile))])])])]),
          ],
        })),
        { title: strings.join(' '), reportTitle: strings.join(''), reportUrl: strings.join(''), publishedBy: strings.join('') },
      ),
    );
    expect(() => parseHtmlStrictly(html)).not.toThrow();
    expect(html).not.toMatch(/<h[^1-4ert]/);
  });
});

describe('the sign-off record', () => {
  it("names each signatory's organisation and how their identity was checked, escaped, and says when that was not recorded", () => {
    const input = publicationOf([
      { title: 'PCC comments', content: [paragraph(text('Yes.'))] },
      { title: 'Chief Officer comments', content: [paragraph(text('Agreed.'))] },
    ]);
    input.sections[0]!.section.signOff = { ...input.sections[0]!.section.signOff, organisation: 'Office of the <PCC>', identityCheck: 'Contoso Entra ID' };
    const html = renderPublicationHtml(input);
    parseHtmlStrictly(html);
    expect(html).toContain('<th scope="col" role="columnheader">Organisation</th><th scope="col" role="columnheader">Identity checked by</th>');
    expect(html).toContain('<td role="cell" data-label="Organisation">Office of the &lt;PCC&gt;</td><td role="cell" data-label="Identity checked by">Contoso Entra ID</td>');
    // A sign-off made before organisations were recorded.
    expect(html).toContain('<td role="cell" data-label="Organisation">Not recorded</td><td role="cell" data-label="Identity checked by">Not recorded</td>');
  });
});
