// The published page: semantic, accessible HTML built from the stored content. Every piece of
// text is escaped, so whatever anyone typed is shown as text, never run.
import type { ContentNode, Mark } from '../content/sectionContent';
import { formatUkDate, formatUkDateTime, layoutSections, type PublicationInput } from './PublicationInput';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function safeHref(href: unknown): string | null {
  if (typeof href !== 'string') return null;
  try {
    const url = new URL(href);
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

function renderMarks(text: string, marks: Mark[] = []): string {
  let html = escapeHtml(text);
  for (const mark of marks) {
    switch (mark.type) {
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

/** Renders a section's content tree; headings inside a section start at h3. */
export function renderContent(node: ContentNode): string {
  if (node.type === 'text') {
    const text = node as { text: string; marks?: Mark[] };
    return renderMarks(text.text, text.marks);
  }
  const element = node as { type: string; attrs?: Record<string, unknown>; content?: ContentNode[] };
  const inner = (element.content ?? []).map(renderContent).join('');
  switch (element.type) {
    case 'doc':
      return inner;
    case 'paragraph':
      return `<p>${inner}</p>`;
    case 'heading': {
      const level = Math.min(6, Math.max(3, Number(element.attrs?.level ?? 1) + 2));
      return `<h${level}>${inner}</h${level}>`;
    }
    case 'bulletList':
      return `<ul>${inner}</ul>`;
    case 'orderedList':
      return `<ol>${inner}</ol>`;
    case 'listItem':
      return `<li>${inner}</li>`;
    case 'blockquote':
      return `<blockquote>${inner}</blockquote>`;
    case 'codeBlock':
      return `<pre><code>${inner}</code></pre>`;
    case 'hardBreak':
      return '<br>';
    case 'horizontalRule':
      return '<hr>';
    default:
      return inner;
  }
}

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",Arial,sans-serif;line-height:1.5;color:#0b0c0c;margin:0;padding:0 1rem}
main{max-width:50rem;margin:2rem auto}
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

/** The whole published page. */
export function renderPublicationHtml(input: PublicationInput): string {
  const { response } = input;
  const body: string[] = [];
  body.push(`<h1>${escapeHtml(response.title)}</h1>`);
  body.push(
    `<p class="meta">In response to the HMICFRS report <a href="${escapeHtml(safeHref(response.report.url) ?? '#')}">${escapeHtml(
      response.report.title,
    )}</a>, published ${escapeHtml(formatUkDate(response.report.publishedOn))}.</p>`,
  );
  for (const block of layoutSections(input)) {
    if (block.kind === 'prose') {
      body.push(`<section><h2>${escapeHtml(block.entry.section.title)}</h2>${renderContent(block.entry.content)}</section>`);
      continue;
    }
    const rows = block.entries
      .map(
        ({ section, content }) =>
          `<tr><td>${escapeHtml(section.recommendation ?? section.title)}</td><td>${renderContent(content)}</td></tr>`,
      )
      .join('');
    body.push(
      `<section><h2>Recommendations</h2><table><caption>The report's recommendations and the response to each</caption>` +
        `<thead><tr><th scope="col">Recommendation</th><th scope="col">Response</th></tr></thead><tbody>${rows}</tbody></table></section>`,
    );
  }
  const record = input.sections
    .map(
      ({ section }) =>
        `<tr><th scope="row">${escapeHtml(section.title)}</th><td>${escapeHtml(section.signOff.name)}</td>` +
        `<td>${escapeHtml(formatUkDateTime(section.signOff.at))}</td><td><code class="hash">${escapeHtml(section.signOff.contentHash)}</code></td></tr>`,
    )
    .join('');
  body.push(
    `<section><h2>Sign-off record</h2><table><caption>Who signed off each section, and the SHA-256 of the content they signed</caption>` +
      `<thead><tr><th scope="col">Section</th><th scope="col">Signed off by</th><th scope="col">When</th><th scope="col">SHA-256 of content</th></tr></thead>` +
      `<tbody>${record}</tbody></table>` +
      `<p>Published by ${escapeHtml(input.publishedBy)} on ${escapeHtml(formatUkDateTime(input.publishedAt))}.</p></section>`,
  );
  return (
    `<!doctype html>\n<html lang="en-GB"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(response.title)}</title><style>${STYLE}</style></head>` +
    `<body><main>${body.join('\n')}</main></body></html>\n`
  );
}
