// A section's text as data: the Yjs document that TipTap edits (a Y.XmlFragment of ProseMirror
// nodes), read into plain JSON with sorted keys so that the same content always serialises, and
// so hashes, the same way. Shared: the server hashes what it signs, and the browser the text its
// signer sees, to ask the server to sign exactly that.
import * as Y from 'yjs';
import { SECTION_FRAGMENT } from './protocol';

export interface Mark {
  type: string;
  attrs?: Record<string, unknown>;
}

export type ContentNode =
  | { type: 'text'; text: string; marks?: Mark[] }
  | { type: string; attrs?: Record<string, unknown>; content?: ContentNode[] };

/** The ProseMirror-shaped JSON of a section document: `{type: 'doc', content: [...]}`. */
export function sectionJson(doc: Y.Doc): ContentNode {
  return { type: 'doc', content: childrenOf(doc.getXmlFragment(SECTION_FRAGMENT)) };
}

function childrenOf(parent: Y.XmlFragment | Y.XmlElement): ContentNode[] {
  const nodes: ContentNode[] = [];
  for (const child of parent.toArray()) {
    if (child instanceof Y.XmlText) nodes.push(...textNodes(child));
    else if (child instanceof Y.XmlElement) {
      const attrs = child.getAttributes() as Record<string, unknown>;
      const node: { type: string; attrs?: Record<string, unknown>; content?: ContentNode[] } = { type: child.nodeName };
      if (Object.keys(attrs).length > 0) node.attrs = attrs;
      const content = childrenOf(child);
      if (content.length > 0) node.content = content;
      nodes.push(node);
    }
  }
  return nodes;
}

function textNodes(text: Y.XmlText): ContentNode[] {
  const delta = text.toDelta() as Array<{ insert: unknown; attributes?: Record<string, unknown> }>;
  const nodes: ContentNode[] = [];
  for (const op of delta) {
    if (typeof op.insert !== 'string' || op.insert.length === 0) continue;
    const marks = Object.entries(op.attributes ?? {})
      // y-prosemirror suffixes overlapping marks of one type with "--<hash>".
      .map(([name, value]): Mark => {
        const type = name.split('--')[0]!;
        const attrs = value && typeof value === 'object' && Object.keys(value).length > 0 ? (value as Record<string, unknown>) : undefined;
        return attrs ? { type, attrs } : { type };
      })
      .sort((a, b) => a.type.localeCompare(b.type));
    nodes.push(marks.length > 0 ? { type: 'text', text: op.insert, marks } : { type: 'text', text: op.insert });
  }
  return nodes;
}

/** JSON with object keys sorted at every level: one serialisation per value. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/** The plain text of a content tree, paragraphs separated by blank lines. */
export function plainText(node: ContentNode): string {
  if (node.type === 'text') return (node as { text: string }).text;
  const children = (node as { content?: ContentNode[] }).content ?? [];
  const parts = children.map(plainText);
  return node.type === 'doc' || node.type === 'bulletList' || node.type === 'orderedList' || node.type === 'listItem' || node.type === 'blockquote'
    ? parts.join('\n\n')
    : parts.join('');
}

/** Whether a section has no text at all (whitespace does not count). */
export function isEmptyContent(node: ContentNode): boolean {
  return plainText(node).trim().length === 0;
}

