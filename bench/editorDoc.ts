// Section documents as Countersign's editor writes them, for every server alike: the text in the
// XmlText of one `paragraph` XmlElement in the `default` XmlFragment (what TipTap, bound by
// y-prosemirror, writes for a single paragraph; Countersign refuses anything else). Every
// writer in the bench types into that XmlText, every reader reads it back the same way.
import * as Y from 'yjs';
import { SECTION_FRAGMENT } from '../shared/protocol';

/**
 * The Yjs client id that makes the paragraph. In the editor the first typist makes it; here it
 * is made once, by this id, and every writer applies that same update before typing: writers
 * that start together then share one paragraph (two editors opening an empty section at once
 * would each add their own), and each writer's own clock still counts only its characters.
 */
export const PARAGRAPH_CLIENT = 1;

let paragraphBytes: Uint8Array | null = null;

/** The update that puts the empty paragraph (an element holding an empty XmlText) into the fragment. */
export function paragraphUpdate(): Uint8Array {
  if (!paragraphBytes) {
    const doc = new Y.Doc();
    doc.clientID = PARAGRAPH_CLIENT;
    // As y-prosemirror builds a block: the text goes into the element before it is in the document.
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText()]);
    doc.getXmlFragment(SECTION_FRAGMENT).insert(0, [paragraph]);
    paragraphBytes = Y.encodeStateAsUpdate(doc);
    doc.destroy();
  }
  return paragraphBytes;
}

/** The paragraph's XmlText of a document, or null while it has none (or not of that shape). */
export function paragraphText(doc: Y.Doc): Y.XmlText | null {
  const fragment = doc.getXmlFragment(SECTION_FRAGMENT);
  if (fragment.length !== 1) return null;
  const paragraph = fragment.get(0);
  if (!(paragraph instanceof Y.XmlElement) || paragraph.nodeName !== 'paragraph' || paragraph.length !== 1) return null;
  const text = paragraph.get(0);
  return text instanceof Y.XmlText ? text : null;
}

/** The XmlText a writer types into: the shared paragraph, put in place first if the document lacks it. */
export function editorText(doc: Y.Doc): Y.XmlText {
  const existing = paragraphText(doc);
  if (existing) return existing;
  if (doc.getXmlFragment(SECTION_FRAGMENT).length > 0) throw new Error(`the document is not one paragraph: ${shapeOf(doc)}`);
  Y.applyUpdate(doc, paragraphUpdate());
  return paragraphText(doc)!;
}

/** What a document holds, in a few words, for a failure message. */
export function shapeOf(doc: Y.Doc): string {
  const fragment = doc.getXmlFragment(SECTION_FRAGMENT);
  const roots = [...doc.share.keys()].filter((name) => name !== SECTION_FRAGMENT);
  const children = fragment
    .toArray()
    .map((child) => (child instanceof Y.XmlElement ? `<${child.nodeName}> of ${child.length}` : child instanceof Y.XmlText ? 'bare text' : 'other'))
    .join(', ');
  return `fragment "${SECTION_FRAGMENT}" with ${fragment.length} children (${children || 'none'})${roots.length > 0 ? `, other roots: ${roots.join(', ')}` : ''}`;
}

/**
 * The text of a section document as the editor shows it: the one paragraph's text, '' while the
 * fragment is empty. Any other shape (two paragraphs, text outside one, a mark) reads as a
 * string no writer typed, so a correctness check fails on it rather than passing on part of it.
 */
export function sectionText(doc: Y.Doc): string {
  const text = paragraphText(doc);
  // XmlText.toString() writes a mark as a tag around its text: the bench types none.
  if (text) return text.toString();
  return doc.getXmlFragment(SECTION_FRAGMENT).length === 0 ? '' : `\u0000not one paragraph: ${shapeOf(doc)}`;
}

/** The number of characters in the paragraph (0 while there is none): cheaper than sectionText. */
export function sectionLength(doc: Y.Doc): number {
  return paragraphText(doc)?.length ?? 0;
}

/** The section text of a stored state or update log (the readers of every server's files). */
export function textOfUpdates(updates: readonly Uint8Array[], gc = true): string {
  const doc = new Y.Doc({ gc });
  try {
    Y.transact(doc, () => {
      for (const update of updates) Y.applyUpdate(doc, update);
    });
    return sectionText(doc);
  } finally {
    doc.destroy();
  }
}
