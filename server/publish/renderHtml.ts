// The published page: semantic, accessible HTML built from the stored content. Every piece of
// text is cleaned (contentRules.ts) and escaped, so whatever anyone typed is shown as text,
// never run, and nothing XML forbids reaches the page.
import type { ContentNode, Mark } from '../content/sectionContent';
import { bodyText, childrenOf, headingLevel, isTextNode, labelText, longText, markType, safeHref } from './contentRules';
import { tableLayout, type LaidOutCell } from './tableLayout';
import { formatUkDate, formatUkDateTime, layoutSections, NOT_RECORDED, UNTITLED, type PublicationInput } from './PublicationInput';
import { PRINT_SCRIPT_TAG, PUBLICATION_STYLE } from './publicationStyle';
import { VERIFICATION_HEADING, verificationNote } from './verificationNote';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function renderMarks(text: string, marks: Mark[] = []): string {
  let html = escapeHtml(bodyText(text));
  for (const mark of marks) {
    switch (markType(mark)) {
      case 'bold':
        html = `<strong>${html}</strong>`;
        break;
      case 'italic':
        html = `<em>${html}</em>`;
        break;
      case 'underline':
        html = `<u>${html}</u>`;
        break;
      case 'strike':
        html = `<s>${html}</s>`;
        break;
      case 'code':
        html = `<code>${html}</code>`;
        break;
      case 'link': {
        const href = safeHref(mark.attrs?.href);
        if (href) html = `<a href="${escapeHtml(href)}">${html}</a>`;
        break;
      }
      default:
        break;
    }
  }
  return html;
}

/** A span attribute, written only when the cell spans more than one column or row. */
function spanAttribute(name: 'colspan' | 'rowspan', span: number): string {
  return span > 1 ? ` ${name}="${span}"` : '';
}

/**
 * A table of the content: when its first row is all header cells, that row is the thead and
 * its cells head their columns; a header cell starting a body row heads its row.
 */
function renderTable(node: ContentNode): string {
  const { rows, headerRow } = tableLayout(node);
  if (rows.length === 0) return '';
  const renderRow = (row: LaidOutCell[], inHead: boolean) =>
    `<tr>${row
      .map((cell, index) => {
        const tag = cell.header ? 'th' : 'td';
        const scope = !cell.header ? '' : inHead ? ' scope="col"' : index === 0 ? ' scope="row"' : '';
        const inner = cell.content.map(renderContent).join('');
        return `<${tag}${scope}${spanAttribute('colspan', cell.colspan)}${spanAttribute('rowspan', cell.rowspan)}>${inner}</${tag}>`;
      })
      .join('')}</tr>`;
  const head = headerRow ? `<thead>${renderRow(rows[0]!, true)}</thead>` : '';
  const body = (headerRow ? rows.slice(1) : rows).map((row) => renderRow(row, false)).join('');
  return `<table>${head}<tbody>${body}</tbody></table>`;
}

/**
 * Renders a section's content tree. Headings inside a section are h3 and h4 (the section's
 * title is the h2); nodes the editor does not make render their children.
 */
export function renderContent(node: ContentNode): string {
  if (isTextNode(node)) return renderMarks(node.text, node.marks);
  const inner = () => childrenOf(node).map(renderContent).join('');
  switch (node.type) {
    case 'doc':
      return inner();
    case 'paragraph':
      return `<p>${inner()}</p>`;
    case 'heading': {
      const level = headingLevel((node as { attrs?: unknown }).attrs);
      return `<h${level}>${inner()}</h${level}>`;
    }
    case 'bulletList':
      return `<ul>${inner()}</ul>`;
    case 'orderedList':
      return `<ol>${inner()}</ol>`;
    case 'listItem':
      return `<li>${inner()}</li>`;
    case 'blockquote':
      return `<blockquote>${inner()}</blockquote>`;
    case 'codeBlock':
      return `<pre><code>${inner()}</code></pre>`;
    case 'hardBreak':
      return '<br>';
    case 'horizontalRule':
      return '<hr>';
    case 'table':
      return renderTable(node);
    default:
      return inner();
  }
}

/** Text of several lines (a recommendation's wording), escaped, its line breaks kept. */
function escapeLines(text: string): string {
  return escapeHtml(text).replace(/\n/g, '<br>');
}

/** The version a sign-off signed, as its id, or in words when none was recorded. */
function versionCell(versionId: string | null): string {
  const id = labelText(versionId, '');
  return id ? `<code class="hash">${escapeHtml(id)}</code>` : escapeHtml(UNTITLED.version);
}

/** What the page links to besides itself, known once the publication's files are made. */
export interface PublicationPageOptions {
  /** The DOCX beside the page: where it is served, its size and its SHA-256. */
  docx?: { href: string; bytes: number; sha256: string };
  /** The organisation that publishes, for the page's header. */
  organisation?: string;
}

/** Who the page says publishes the response until organisations are known. */
export const DEFAULT_ORGANISATION = 'Office of the Police and Crime Commissioner';

/** The id of a section's place on the published page. */
function anchorOf(sectionId: string): string {
  return `section-${sectionId.replace(/[^A-Za-z0-9_-]/g, '')}`;
}

/** "12 KB", "1.4 MB": a file's size as GOV.UK writes it beside a download. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * A row's cell with the name of its column, shown above it when the table is a card (narrow
 * screens). The card tables spell out their roles, so that they stay tables for screen readers
 * when CSS displays them as blocks.
 */
function cell(label: string, inner: string): string {
  return `<td role="cell" data-label="${escapeHtml(label)}">${inner}</td>`;
}

/** The head of a card table: its caption and column headers. */
function cardTableHead(caption: string, columns: string[]): string {
  const headers = columns.map((column) => `<th scope="col" role="columnheader">${escapeHtml(column)}</th>`).join('');
  return `<table class="cards" role="table"><caption>${escapeHtml(caption)}</caption><thead role="rowgroup"><tr role="row">${headers}</tr></thead>`;
}

/** What the sign-off record and its hashes mean, in plain words. */
const RECORD_NOTE =
  '<div class="record-note">' +
  '<p>Each section was signed off by the person named beside it, for the role that owns the section. Signing off locks a section: it cannot change unless it is reopened, on the record, and signed off again. This page shows the text exactly as it was signed.</p>' +
  '<p>The SHA-256 beside each section is a fingerprint of the text that was signed: the same text always gives the same 64 characters, and any change, even of one letter, gives different ones. It lets anyone check that a copy has not been altered.</p>' +
  '</div>';

/** The whole published page, laid out as a GOV.UK HTML publication. */
export function renderPublicationHtml(input: PublicationInput, options: PublicationPageOptions = {}): string {
  const { response } = input;
  const title = escapeHtml(labelText(response.title, UNTITLED.response));
  const organisation = escapeHtml(labelText(options.organisation ?? DEFAULT_ORGANISATION, DEFAULT_ORGANISATION));
  const blocks = layoutSections(input);
  const contents: string[] = [];
  const body: string[] = [];
  for (const block of blocks) {
    if (block.kind === 'prose') {
      const heading = escapeHtml(labelText(block.entry.section.title, UNTITLED.section));
      const anchor = anchorOf(block.entry.section.id);
      contents.push(`<li><a href="#${anchor}">${heading}</a></li>`);
      body.push(`<section id="${anchor}"><h2>${heading}</h2>${renderContent(block.entry.content)}</section>`);
      continue;
    }
    const rows = block.entries
      .map(({ section, content }) => {
        const wording = longText(section.recommendation, labelText(section.title, UNTITLED.section));
        return `<tr role="row">${cell('Recommendation', escapeLines(wording))}${cell('Response', renderContent(content))}</tr>`;
      })
      .join('');
    contents.push('<li><a href="#recommendations">Recommendations</a></li>');
    body.push(
      `<section id="recommendations"><h2>Recommendations</h2>` +
        cardTableHead("The report's recommendations and the response to each", ['Recommendation', 'Response']) +
        `<tbody role="rowgroup">${rows}</tbody></table></section>`,
    );
  }
  const record = input.sections
    .map(
      ({ section }) =>
        `<tr role="row"><th scope="row" role="rowheader" data-label="Section">${escapeHtml(labelText(section.title, UNTITLED.section))}</th>` +
        cell('Signed off by', escapeHtml(labelText(section.signOff.name, UNTITLED.name))) +
        cell('Organisation', escapeHtml(labelText(section.signOff.organisation ?? '', NOT_RECORDED))) +
        cell('Identity checked by', escapeHtml(labelText(section.signOff.identityCheck ?? '', NOT_RECORDED))) +
        cell('When', escapeHtml(formatUkDateTime(section.signOff.at))) +
        cell('Version signed', versionCell(section.signOff.versionId)) +
        cell('SHA-256 of the signed text', `<code class="hash">${escapeHtml(bodyText(section.signOff.contentHash))}</code>`) +
        '</tr>',
    )
    .join('');
  contents.push('<li><a href="#sign-off-record">Sign-off record</a></li>');
  body.push(
    `<section id="sign-off-record"><h2>Sign-off record</h2>${RECORD_NOTE}` +
      cardTableHead('Who signed off each section, for which organisation, how their identity was checked, the version of its history they signed, and the SHA-256 of the text they signed', [
        'Section',
        'Signed off by',
        'Organisation',
        'Identity checked by',
        'When',
        'Version signed',
        'SHA-256 of the signed text',
      ]) +
      `<tbody role="rowgroup">${record}</tbody></table>` +
      `<p>Published by ${escapeHtml(labelText(input.publishedBy, UNTITLED.name))} on ${escapeHtml(formatUkDateTime(input.publishedAt))}.</p></section>`,
  );
  const note = verificationNote(input)
    .map((runs) => `<p>${runs.map((run) => (run.code ? `<code class="hash">${escapeHtml(run.text)}</code>` : escapeHtml(run.text))).join('')}</p>`)
    .join('');
  contents.push('<li><a href="#verification">' + escapeHtml(VERIFICATION_HEADING) + '</a></li>');
  body.push(`<section id="verification"><h2>${escapeHtml(VERIFICATION_HEADING)}</h2>${note}</section>`);
  const docx = options.docx;
  const download = docx
    ? `<p><a class="file" href="${escapeHtml(docx.href)}" download="">Download the Word version (DOCX)</a>` +
      `<span class="hint">DOCX, ${escapeHtml(fileSize(docx.bytes))}. SHA-256 <code class="hash">${escapeHtml(docx.sha256)}</code></span></p>`
    : '';
  // Hidden until the print script shows it: without scripts, there is nothing it could do.
  const print = `<button class="print" type="button" data-print="" hidden="">Print this page</button>`;
  const report = `<a href="${escapeHtml(safeHref(response.report.url) ?? '#')}">${escapeHtml(labelText(response.report.title, UNTITLED.report))}</a>`;

  return (
    `<!doctype html>\n<html lang="en-GB"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${title}</title><style>${PUBLICATION_STYLE}</style>` +
    `${PRINT_SCRIPT_TAG}</head>` +
    `<body><a class="skip" href="#content">Skip to main content</a>` +
    `<header class="org"><div class="width"><p>${organisation}</p></div></header>` +
    `<main id="content" tabindex="-1">` +
    `<div class="title-block"><div class="width"><p class="type">Response to an HMICFRS inspection report</p><h1>${title}</h1>` +
    `<p class="dates">Published ${escapeHtml(formatUkDate(input.publishedAt))}</p></div></div>` +
    `<div class="width body">` +
    `<div class="actions">${download}${print}</div>` +
    `<p class="meta">In response to the HMICFRS report ${report}, published ${escapeHtml(formatUkDate(response.report.publishedOn))}.</p>` +
    `<nav class="contents" aria-labelledby="contents-title"><h2 id="contents-title">Contents</h2><ol>${contents.join('')}</ol></nav>` +
    `${body.join('\n')}</div></main>` +
    `<footer><div class="width"><p>Published with Countersign. Once published, this page and its Word version never change.</p></div></footer>` +
    `</body></html>\n`
  );
}
