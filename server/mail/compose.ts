// One mail, in plain text and simple HTML, from what it must say: the recipient's name, what
// happened and who did it, a link to the exact place, and a link to change preferences. Text
// people typed (a comment, a reason, a name) is escaped in the HTML and kept apart from ours.
import { createHash } from 'node:crypto';
import { cleanMultiLine, cleanSingleLine } from '../../shared/text';
import type { NewMail } from '../store/records';

/** What a mail says. Every string is plain text; compose escapes it. */
export interface MailContent {
  key: string;
  kind: string;
  to: { address: string; name: string | null };
  subject: string;
  /** Our words, one paragraph each. */
  paragraphs: string[];
  /** Someone's words (a comment, a reason), quoted as theirs. */
  quote?: { by: string; text: string };
  /** The button: where to go to act on it. */
  action?: { label: string; url: string };
  /** A list (a digest's entries): each a line of text and its link. */
  items?: Array<{ text: string; url: string }>;
  /** Why the recipient gets this mail, and where to change that. */
  footer: { reason: string; preferencesUrl: string | null };
  /** Threads mail about one thing together (a section, a thread): its reference id. */
  thread?: string;
  /** Where a reply goes (the person who acted), if replying makes sense. */
  replyTo?: { address: string; name: string };
  /** Sent by a schedule, not by a person (reminders, digests). */
  automatic?: boolean;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** A header value on one line, without what could start another header. */
function headerText(text: string): string {
  return cleanSingleLine(text).replace(/[\r\n]/g, ' ');
}

/** The domain our Message-IDs end with: the public address's host. */
function idDomain(baseUrl: string): string {
  try {
    return new URL(baseUrl).hostname || 'countersign.invalid';
  } catch {
    return 'countersign.invalid';
  }
}

/** The Message-ID of a mail, from its key: the same event always has the same id. */
export function messageId(key: string, baseUrl: string): string {
  return `<${createHash('sha256').update(key).digest('hex').slice(0, 32)}@${idDomain(baseUrl)}>`;
}

/** The reference id that mail about one thing (`thread:<id>`, `section:<id>`) replies to. */
export function threadReference(thread: string, baseUrl: string): string {
  return `<${thread.replace(/[^A-Za-z0-9_.-]/g, '.')}@${idDomain(baseUrl)}>`;
}

function greetingOf(name: string | null): string {
  const clean = name ? cleanSingleLine(name) : '';
  return clean ? `Dear ${clean},` : 'Hello,';
}

/** The mail, ready for the outbox. */
export function composeMail(content: MailContent, options: { baseUrl: string; held: boolean }): NewMail {
  const greeting = greetingOf(content.to.name);
  const text: string[] = [greeting, ''];
  const html: string[] = [`<p>${escapeHtml(greeting)}</p>`];
  for (const paragraph of content.paragraphs) {
    text.push(paragraph, '');
    html.push(`<p>${escapeHtml(paragraph)}</p>`);
  }
  if (content.quote) {
    const quoted = cleanMultiLine(content.quote.text);
    const by = cleanSingleLine(content.quote.by);
    text.push(`${by} wrote:`, ...quoted.split('\n').map((line) => `> ${line}`), '');
    html.push(
      `<p>${escapeHtml(by)} wrote:</p><blockquote style="margin:0 0 1em;padding-left:1em;border-left:4px solid #b1b4b6">` +
        quoted.split('\n').map((line) => escapeHtml(line)).join('<br>') +
        '</blockquote>',
    );
  }
  if (content.items && content.items.length > 0) {
    for (const item of content.items) text.push(`- ${item.text}`, `  ${item.url}`);
    text.push('');
    html.push(`<ul>${content.items.map((item) => `<li><a href="${escapeHtml(item.url)}">${escapeHtml(item.text)}</a></li>`).join('')}</ul>`);
  }
  if (content.action) {
    text.push(`${content.action.label}: ${content.action.url}`, '');
    html.push(`<p><a href="${escapeHtml(content.action.url)}">${escapeHtml(content.action.label)}</a></p>`);
  }
  text.push('--', content.footer.reason);
  let footer = escapeHtml(content.footer.reason);
  if (content.footer.preferencesUrl) {
    text.push(`Choose what Countersign e-mails you: ${content.footer.preferencesUrl}`);
    footer += ` <a href="${escapeHtml(content.footer.preferencesUrl)}">Choose what Countersign e-mails you</a>.`;
  }
  html.push(`<hr><p style="color:#505a5f;font-size:14px">${footer}</p>`);

  const headers: Record<string, string> = { 'Message-ID': messageId(content.key, options.baseUrl) };
  if (content.thread) {
    const reference = threadReference(content.thread, options.baseUrl);
    headers['In-Reply-To'] = reference;
    headers.References = reference;
  }
  if (content.replyTo) headers['Reply-To'] = `"${headerText(content.replyTo.name).replace(/["\\]/g, '')}" <${headerText(content.replyTo.address)}>`;
  if (content.automatic) headers['Auto-Submitted'] = 'auto-generated';
  if (content.footer.preferencesUrl) headers['List-Unsubscribe'] = `<${content.footer.preferencesUrl}>`;

  return {
    key: content.key,
    kind: content.kind,
    to: { address: content.to.address, name: content.to.name ? cleanSingleLine(content.to.name) : null },
    subject: headerText(content.subject).slice(0, 250),
    text: text.join('\n'),
    html: `<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>${escapeHtml(headerText(content.subject))}</title></head><body style="font-family:Arial,sans-serif;font-size:16px;line-height:1.5;color:#0b0c0c">${html.join('\n')}</body></html>`,
    headers,
    held: options.held,
  };
}
