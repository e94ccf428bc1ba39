// Where a suggestion's passage is in a section's document, and making its change there. A
// passage lies within one run of text (one paragraph, heading or cell): its ends are Yjs relative
// positions, so it follows the text while people edit around it.
import { fromBase64 } from 'lib0/buffer';
import * as Y from 'yjs';

/** A passage found: the text it is in (or the empty block an insertion goes into), its span, and the text there now. */
export type Passage =
  | { status: 'found'; type: Y.XmlText | Y.XmlElement; start: number; end: number; current: string }
  | { status: 'gone'; reason: string };

function decode(encoded: string): Y.RelativePosition | null {
  try {
    return Y.decodeRelativePosition(fromBase64(encoded));
  } catch {
    return null;
  }
}

/** Whether a type, or a block holding it, has been deleted. */
function isDeleted(type: Y.AbstractType<unknown>): boolean {
  for (let item = type._item; item; item = item.parent instanceof Y.AbstractType ? item.parent._item : null) {
    if (item.deleted) return true;
  }
  return false;
}

/** The plain characters of a text (formatting left out), as its indexes count them. */
export function plainOf(text: Y.XmlText): string {
  return (text.toDelta() as Array<{ insert: unknown }>).map((op) => (typeof op.insert === 'string' ? op.insert : ' ')).join('');
}

/** Finds a passage in a document; `gone` says why it cannot be found as one run of text. */
export function findPassage(doc: Y.Doc, anchor: { start: string; end: string }): Passage {
  const start = decode(anchor.start);
  const end = decode(anchor.end);
  if (!start || !end) return { status: 'gone', reason: 'The passage could not be read' };
  const from = Y.createAbsolutePositionFromRelativePosition(start, doc);
  const to = Y.createAbsolutePositionFromRelativePosition(end, doc);
  if (!from || !to) return { status: 'gone', reason: 'The passage was deleted' };
  if (from.type !== to.type) return { status: 'gone', reason: 'The passage no longer lies within one paragraph' };
  const type = from.type;
  if (isDeleted(type)) return { status: 'gone', reason: 'The passage was deleted' };
  if (type instanceof Y.XmlText) {
    if (from.index > to.index) return { status: 'gone', reason: 'The passage was deleted' };
    return { status: 'found', type, start: from.index, end: to.index, current: plainOf(type).slice(from.index, to.index) };
  }
  // An empty paragraph (no text in it yet): only an insertion can go there.
  if (type instanceof Y.XmlElement && from.index === to.index && type.length === 0) return { status: 'found', type, start: 0, end: 0, current: '' };
  return { status: 'gone', reason: 'The passage is not text' };
}

/** Replaces a found passage with `insert` (new text takes the formatting of the text before it). */
export function replacePassage(passage: Extract<Passage, { status: 'found' }>, insert: string): void {
  const { type, start, end } = passage;
  if (type instanceof Y.XmlText) {
    if (end > start) type.delete(start, end - start);
    if (insert) type.insert(start, insert);
    return;
  }
  const text = new Y.XmlText();
  type.insert(0, [text]);
  text.insert(0, insert);
}
