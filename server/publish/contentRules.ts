// What the renderers may take from stored content and records, whatever was stored. The
// publication renders what was signed off, and a document can hold what our editor never
// writes (an old client, a hostile one): a heading level of "x", a cell spanning 99,999
// columns, a link to javascript:, a U+FFFE that makes a DOCX unreadable. Every string and
// attribute that reaches a publication passes through one of these.
import type { ContentNode, Mark } from '../content/sectionContent';
import { cleanMultiLine, cleanSingleLine, hasVisibleText, stripDisallowedCharacters } from '../../shared/text';

/** The widest or tallest a table cell may be drawn, in columns or rows. */
export const MAX_TABLE_SPAN = 100;

/** A text node with its text (an element named "text" has none). */
export type TextNode = { type: 'text'; text: string; marks?: Mark[] };

/** Whether a content node is text with a string in it. */
export function isTextNode(node: ContentNode): node is TextNode {
  return node.type === 'text' && typeof (node as { text?: unknown }).text === 'string';
}

/** A node's children, or none. */
export function childrenOf(node: ContentNode): ContentNode[] {
  const content = (node as { content?: unknown }).content;
  return Array.isArray(content) ? (content as ContentNode[]) : [];
}

/** A node's attribute, or undefined. */
export function attributeOf(node: ContentNode, name: string): unknown {
  const attrs = (node as { attrs?: unknown }).attrs;
  return attrs && typeof attrs === 'object' ? (attrs as Record<string, unknown>)[name] : undefined;
}

/** Body text for output: anything but a string is nothing; what XML forbids is removed. */
export function bodyText(text: unknown): string {
  return typeof text === 'string' ? stripDisallowedCharacters(text) : '';
}

/** A title or name for output: one clean line, or `fallback` if nothing visible is left. */
export function labelText(text: unknown, fallback: string): string {
  const cleaned = typeof text === 'string' ? cleanSingleLine(text) : '';
  return hasVisibleText(cleaned) ? cleaned : fallback;
}

/** A longer text kept with its line breaks (a recommendation's wording), or `fallback` if nothing visible is left. */
export function longText(text: unknown, fallback: string): string {
  const cleaned = typeof text === 'string' ? cleanMultiLine(text) : '';
  return hasVisibleText(cleaned) ? cleaned : fallback;
}

/**
 * The HTML heading level of a heading inside a section, whose own title is an h2: the
 * editor's levels 1 and 2 are h3 and h4. Anything else is clamped: a level of 2 or more
 * (older documents had 3 to 6) is h4, and a missing, non-numeric or lower level is h3.
 */
export function headingLevel(attrs: unknown): 3 | 4 {
  const raw = attrs && typeof attrs === 'object' ? (attrs as Record<string, unknown>).level : undefined;
  const level = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*\d+\s*$/.test(raw) ? Number(raw) : Number.NaN;
  return Number.isFinite(level) && level >= 2 ? 4 : 3;
}

/** A cell's colspan or rowspan as a whole number from 1 to `max` (1 for anything that is not a number). */
export function tableSpan(value: unknown, max = MAX_TABLE_SPAN): number {
  const span = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isFinite(span) || span < 1) return 1;
  return Math.min(Math.floor(span), Math.max(1, max));
}

/** A link target a publication may carry: an absolute http, https or mailto URL, serialised (ASCII); null otherwise. */
export function safeHref(href: unknown): string | null {
  if (typeof href !== 'string') return null;
  try {
    const url = new URL(stripDisallowedCharacters(href));
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

/** A mark's name without y-prosemirror's "--<hash>" suffix for overlapping marks of one type. */
export function markType(mark: Mark): string {
  return typeof mark.type === 'string' ? mark.type.split('--')[0]! : '';
}
