// The published page: semantic, accessible HTML built from the stored content. Every piece of
// text is cleaned (contentRules.ts) and escaped, so whatever anyone typed is shown as text,
// never run, and nothing XML forbids reaches the page.
import type { ContentNode, Mark } from '../content/sectionContent';
import { bodyText, childrenOf, headingLevel, isTextNode, labelText, longText, markType, safeHref } from './contentRules';
import { tableLayout, type LaidOutCell } from './tableLayout';
import { formatUkDate, formatUkDateTime, layoutSections, NOT_RECORDED, UNTITLED, type PublicationInput } from './PublicationInput';
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

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",Arial,sans-serif;line-height:1.5;color:#0b0c0c;margin:0;padding:0 1rem}
main{max-width:50rem;margin:2rem auto;overflow-wrap:anywhere}
pre{white-space:pre-wrap}
h1{font-size:2rem;line-height:1.2}
h2{font-size:1.5rem;margin-top:2.5rem}
table{border-collapse:collapse;width:100%;margin:1rem 0}
caption{text-align:left;font-weight:700;padding-bottom:.5rem}
th,td{border:1px solid #b1b4b6;padding:.5rem .75rem;vertical-align:top;text-align:left}
thead th{background:#f3f2f1}
a{color:#1d70b8}
.meta{color:#484949}
code.hash{font-size:.8rem;word-break:break-all}
`;

/** Text of several lines (a recommendation's wording), escaped, its line breaks kept. */
function escapeLines(text: string): string {
  return escapeHtml(text).replace(/\n/g, '<br>');
}

/** The version a sign-off signed, as its id, or in words when none was recorded. */
function versionCell(versionId: string | null): string {
  const id = labelText(versionId, '');
  return id ? `<code class="hash">${escapeHtml(id)}</code>` : escapeHtml(UNTITLED.version);
}

/** The whole published page. */
export function renderPublicationHtml(input: PublicationInput): string {
  const { response } = input;
  const title = escapeHtml(labelText(response.title, UNTITLED.response));
  const body: string[] = [];
  body.push(`<h1>${title}</h1>`);
  body.push(
    `<p class="meta">In response to the HMICFRS report <a href="${escapeHtml(safeHref(response.report.url) ?? '#')}">${escapeHtml(
      labelText(response.report.title, UNTITLED.report),
    )}</a>, published ${escapeHtml(formatUkDate(response.report.publishedOn))}.</p>`,
  );
  for (const block of layoutSections(input)) {
    if (block.kind === 'prose') {
      const heading = escapeHtml(labelText(block.entry.section.title, UNTITLED.section));
      body.push(`<section><h2>${heading}</h2>${renderContent(block.entry.content)}</section>`);
      continue;
    }
    const rows = block.entries
      .map(({ section, content }) => {
        const wording = longText(section.recommendation, labelText(section.title, UNTITLED.section));
        return `<tr><td>${escapeLines(wording)}</td><td>${renderContent(content)}</td></tr>`;
      })
      .join('');
    body.push(
      `<section><h2>Recommendations</h2><table><caption>The report's recommendations and the response to each</caption>` +
        `<thead><tr><th scope="col">Recommendation</th><th scope="col">Response</th></tr></thead><tbody>${rows}</tbody></table></section>`,
    );
  }
  const record = input.sections
    .map(
      ({ section }) =>
        `<tr><th scope="row">${escapeHtml(labelText(section.title, UNTITLED.section))}</th><td>${escapeHtml(labelText(section.signOff.name, UNTITLED.name))}</td>` +
        `<td>${escapeHtml(labelText(section.signOff.organisation ?? '', NOT_RECORDED))}</td><td>${escapeHtml(labelText(section.signOff.identityCheck ?? '', NOT_RECORDED))}</td>` +
        `<td>${escapeHtml(formatUkDateTime(section.signOff.at))}</td><td>${versionCell(section.signOff.versionId)}</td>` +
        `<td><code class="hash">${escapeHtml(bodyText(section.signOff.contentHash))}</code></td></tr>`,
    )
    .join('');
  body.push(
    `<section><h2>Sign-off record</h2><table><caption>Who signed off each section, for which organisation, how their identity was checked, the version of its history they signed, and the SHA-256 of its content</caption>` +
      `<thead><tr><th scope="col">Section</th><th scope="col">Signed off by</th><th scope="col">Organisation</th><th scope="col">Identity checked by</th><th scope="col">When</th><th scope="col">Version signed</th><th scope="col">SHA-256 of content</th></tr></thead>` +
      `<tbody>${record}</tbody></table>` +
      `<p>Published by ${escapeHtml(labelText(input.publishedBy, UNTITLED.name))} on ${escapeHtml(formatUkDateTime(input.publishedAt))}.</p></section>`,
  );
  const note = verificationNote(input)
    .map((runs) => `<p>${runs.map((run) => (run.code ? `<code class="hash">${escapeHtml(run.text)}</code>` : escapeHtml(run.text))).join('')}</p>`)
    .join('');
  body.push(`<section><h2>${escapeHtml(VERIFICATION_HEADING)}</h2>${note}</section>`);
  return (
    `<!doctype html>\n<html lang="en-GB"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${title}</title><style>${STYLE}</style></head>` +
    `<body><main>${body.join('\n')}</main></body></html>\n`
  );
}
