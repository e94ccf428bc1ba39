// Anchors of suggestions: the two ends of the passage a suggestion changes, as Yjs relative
// positions made the way threads make theirs (client/threads/anchors.ts, through the editor's
// sync binding), so the passage follows the text on every copy of the document.
import { createAnchor, resolveEnd, type AnchorTarget } from '../threads/anchors';
import type { SuggestionEnds } from './SuggestionStore';

/** Where a suggestion's passage is in the editor's document now. */
export type ChangePlace =
  | { status: 'found'; from: number; to: number }
  /** The text it changes (or the text around its insertion point) was deleted. */
  | { status: 'deleted' }
  /** Not known yet: the document has not received the text the anchor points into. */
  | { status: 'unknown' };

/**
 * The anchor of a change to [from, to]. A passage starts on its first character and ends on its
 * last, as a thread's does. A pure insertion (from == to) has both ends on the character after
 * it: text typed at that point later, by anyone, then stays before it, and a second insertion
 * typed there after the first is made after it, in the order it was typed.
 */
export function changeAnchor(target: AnchorTarget, from: number, to: number): SuggestionEnds {
  const anchor = createAnchor(target, from, to, '');
  return from === to ? { start: anchor.start, end: anchor.start } : { start: anchor.start, end: anchor.end };
}

/** Where a change's passage (or its insertion point) is now. */
export function resolveChange(target: AnchorTarget, anchor: SuggestionEnds): ChangePlace {
  const start = resolveEnd(target, anchor.start);
  const end = anchor.end === anchor.start ? start : resolveEnd(target, anchor.end);
  if (start.status === 'unknown' || end.status === 'unknown') return { status: 'unknown' };
  if (start.status === 'deleted' || end.status === 'deleted') return { status: 'deleted' };
  const insertion = anchor.start === anchor.end;
  // A passage whose ends met or crossed has lost all its text.
  if (insertion ? start.pos !== end.pos : start.pos >= end.pos) return { status: 'deleted' };
  return { status: 'found', from: start.pos, to: end.pos };
}
