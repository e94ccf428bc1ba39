// What a section document may be given: only what our editor (TipTap bound by y-prosemirror)
// ever writes. A client is a program its user controls; it can send any valid Yjs update, and
// what is stored is signed off and published for good. This looks inside an update before it
// is applied: characters XML 1.0 forbids (one U+FFFE made a publication unreadable), nodes and
// marks the editor does not have, and Yjs content types it never uses. Pure: no document, no
// I/O, so the write policy can call it on every update.
import * as Y from 'yjs';
import { SECTION_FRAGMENT } from '../../shared/protocol';

/** The ProseMirror nodes of a section (StarterKit and TableKit), as y-prosemirror names the XML elements. */
export const EDITOR_NODE_NAMES: ReadonlySet<string> = new Set([
  'paragraph',
  'heading',
  'bulletList',
  'orderedList',
  'listItem',
  'blockquote',
  'codeBlock',
  'hardBreak',
  'horizontalRule',
  'table',
  'tableRow',
  'tableHeader',
  'tableCell',
]);

/** The marks of a section; y-prosemirror stores each as a text format named after it. */
export const EDITOR_MARK_NAMES: ReadonlySet<string> = new Set(['bold', 'italic', 'underline', 'strike', 'code', 'link']);

/** The root types a section document has: the fragment the editor is bound to. */
export const SECTION_ROOTS: ReadonlySet<string> = new Set([SECTION_FRAGMENT]);

/** Characters XML 1.0 does not allow (a lone surrogate only, with the `u` flag). */
const XML_FORBIDDEN = /[\0-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/u;

/** "U+FFFE": the first forbidden character of a string, for a reason a person can act on. */
function firstForbidden(text: string): string | null {
  const match = XML_FORBIDDEN.exec(text);
  return match ? `U+${match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : null;
}

/** The first forbidden character in any string (or object key) of a JSON-like value; no recursion, so no depth can overflow. */
function forbiddenInValue(value: unknown): string | null {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const current = pending.pop();
    if (typeof current === 'string') {
      const found = firstForbidden(current);
      if (found) return found;
    } else if (Array.isArray(current)) {
      pending.push(...current);
    } else if (current !== null && typeof current === 'object' && !(current instanceof Uint8Array)) {
      for (const [key, inner] of Object.entries(current)) pending.push(key, inner);
    }
  }
  return null;
}

/** A name as it may be quoted in a reason: short, and printable. */
function quoted(name: string): string {
  const shown = name.length > 40 ? `${name.slice(0, 40)}...` : name;
  return JSON.stringify(shown);
}

function checkType(type: Y.AbstractType<unknown>): string | null {
  // YXmlText extends YText, and YXmlElement extends YXmlFragment: test the subclasses first.
  if (type instanceof Y.XmlText) return null;
  if (type instanceof Y.XmlElement) {
    const forbidden = firstForbidden(type.nodeName);
    if (forbidden) return `an element name holds ${forbidden}, which XML does not allow`;
    return EDITOR_NODE_NAMES.has(type.nodeName) ? null : `the editor has no ${quoted(type.nodeName)} node`;
  }
  // YXmlHook extends YMap.
  const kind =
    type instanceof Y.XmlHook
      ? 'XML hook'
      : type instanceof Y.XmlFragment
        ? 'XML fragment'
        : type instanceof Y.Map
          ? 'map'
          : type instanceof Y.Array
            ? 'array'
            : type instanceof Y.Text
              ? 'text type'
              : 'shared type';
  return `the editor never nests a Yjs ${kind} in a section`;
}

function checkItem(item: Y.Item): string | null {
  // The parent is named only for an item at the start of a list or map (no origin): it is a
  // root's name, or the id of the element it belongs to. A key (parentSub) is an attribute's name.
  if (typeof item.parent === 'string' && !SECTION_ROOTS.has(item.parent)) return `the section has no ${quoted(item.parent)} root`;
  if (typeof item.parentSub === 'string') {
    const forbidden = firstForbidden(item.parentSub);
    if (forbidden) return `an attribute name holds ${forbidden}, which XML does not allow`;
  }
  const content = item.content;
  if (content instanceof Y.ContentString) {
    const forbidden = firstForbidden(content.str);
    return forbidden ? `the text holds ${forbidden}, which XML does not allow` : null;
  }
  if (content instanceof Y.ContentFormat) {
    const forbidden = firstForbidden(content.key) ?? forbiddenInValue(content.value);
    if (forbidden) return `a mark holds ${forbidden}, which XML does not allow`;
    // y-prosemirror suffixes overlapping marks of one type with "--<hash>".
    const mark = content.key.split('--')[0]!;
    return EDITOR_MARK_NAMES.has(mark) ? null : `the editor has no ${quoted(mark)} mark`;
  }
  if (content instanceof Y.ContentAny) {
    const forbidden = forbiddenInValue(content.arr);
    return forbidden ? `an attribute holds ${forbidden}, which XML does not allow` : null;
  }
  if (content instanceof Y.ContentType) return checkType(content.type);
  if (content instanceof Y.ContentDeleted) return null;
  if (content instanceof Y.ContentEmbed) return 'the editor never embeds objects in text';
  if (content instanceof Y.ContentBinary) return 'the editor never stores binary content';
  if (content instanceof Y.ContentDoc) return 'the editor never nests documents';
  if (content instanceof Y.ContentJSON) return 'the editor never stores JSON content';
  return 'the update holds content the editor never makes';
}

/**
 * Why a Yjs update (v1) would put into a section document something our editor never makes,
 * or null when it is acceptable. GC and Skip structs, deleted content and the delete set
 * carry no content and pass.
 */
export function checkUpdateContent(update: Uint8Array): string | null {
  let structs: Array<Y.Item | Y.GC | Y.Skip>;
  try {
    structs = Y.decodeUpdate(update).structs;
  } catch {
    return 'the update cannot be decoded';
  }
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    const problem = checkItem(struct);
    if (problem) return problem;
  }
  return null;
}
