// Anchors of threads on passages: a passage's two ends as Yjs relative positions, so the passage
// follows the text while people keep editing around and inside it, on every copy of the doc.
// ProseMirror positions are converted through the same mapping the editor's sync binding keeps
// (y-tiptap); the association of each end is set here.
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition } from '@tiptap/y-tiptap';
import { fromBase64, toBase64 } from 'lib0/buffer';
import * as Y from 'yjs';
import type { ThreadAnchor } from '../../shared/api';
import { MAX_QUOTE_CHARS } from '../../shared/limits';

/** Yjs types to the ProseMirror nodes made from them, as the sync binding keeps it. */
export type ProsemirrorMapping = Parameters<typeof absolutePositionToRelativePosition>[2];


/** A section's Yjs document as the editor's sync binding sees it. */
export interface AnchorTarget {
  doc: Y.Doc;
  /** The fragment the editor is bound to ('default'). */
  fragment: Y.XmlFragment;
  /** Yjs types to ProseMirror nodes, kept up to date by the binding. */
  mapping: ProsemirrorMapping;
}

/** Where an anchor is in the text now. */
export type AnchorPlace =
  | { status: 'found'; from: number; to: number }
  /** Everything between its ends was deleted: the thread keeps only its quote. */
  | { status: 'deleted' }
  /** Not known yet: the doc has not received the text the anchor points into. */
  | { status: 'unknown' };

// Start: bound to the passage's first character (assoc 0), so text typed just before the
// passage stays outside it. End: bound to its last character (assoc -1), so text typed just
// after stays outside too. Text typed inside grows the passage, as a reader would expect.
const START_ASSOC = 0;
const END_ASSOC = -1;

function encode(position: Y.RelativePosition): string {
  return toBase64(Y.encodeRelativePosition(position));
}

function decode(encoded: string): Y.RelativePosition | null {
  try {
    return Y.decodeRelativePosition(fromBase64(encoded));
  } catch {
    return null;
  }
}

/** The relative position of a ProseMirror position, associated as asked. */
function relativeAt(target: AnchorTarget, pos: number, assoc: number): Y.RelativePosition {
  // y-tiptap finds the Yjs type and index of the position (always associated to the left).
  const leftBound = absolutePositionToRelativePosition(pos, target.fragment, target.mapping) as Y.RelativePosition;
  const absolute = Y.createAbsolutePositionFromRelativePosition(leftBound, target.doc);
  if (!absolute) throw new Error('The selection is not in the section’s document');
  return Y.createRelativePositionFromTypeIndex(absolute.type, absolute.index, assoc);
}

/** Trims a quote to the server's limit. */
export function clipQuote(quote: string): string {
  return quote.length <= MAX_QUOTE_CHARS ? quote : quote.slice(0, MAX_QUOTE_CHARS - 1) + '…';
}

/** An anchor on the passage between two ProseMirror positions, quoting `quote`. */
export function createAnchor(target: AnchorTarget, from: number, to: number, quote: string): ThreadAnchor {
  return {
    start: encode(relativeAt(target, from, START_ASSOC)),
    end: encode(relativeAt(target, to, END_ASSOC)),
    quote: clipQuote(quote),
  };
}

function isDeleted(type: Y.AbstractType<unknown>, root: Y.XmlFragment): boolean {
  let item = type._item;
  while (item) {
    if (item.deleted) return true;
    const parent = item.parent;
    if (parent === root || !(parent instanceof Y.AbstractType)) return false;
    item = parent._item;
  }
  return false;
}

/** Where one end of an anchor is now. */
export type EndPlace = { status: 'found'; pos: number } | { status: 'deleted' } | { status: 'unknown' };

/** The id a relative position refers to: its item, or the type it is at the end or start of. */
function referencedId(position: Y.RelativePosition): Y.ID | null {
  return position.item ?? position.type ?? null;
}

/** Where one end of an anchor (a base64 Yjs relative position) is now in the editor's document. */
export function resolveEnd(target: AnchorTarget, encoded: string): EndPlace {
  const relative = decode(encoded);
  if (!relative) return { status: 'unknown' };
  const id = referencedId(relative);
  // The doc has not yet received the item the position refers to (it is still syncing).
  if (id && Y.getState(target.doc.store, id.client) <= id.clock) return { status: 'unknown' };
  let absolute: Y.AbsolutePosition | null;
  try {
    absolute = Y.createAbsolutePositionFromRelativePosition(relative, target.doc);
  } catch {
    return { status: 'unknown' };
  }
  // Received, yet not found: deleted and garbage-collected.
  if (!absolute) return { status: 'deleted' };
  if (isDeleted(absolute.type, target.fragment)) return { status: 'deleted' };
  // Handed to y-tiptap as a left-bound position on the same index: its guard against
  // positions misresolved by block moves rejects a right-bound one at the very start.
  const normalised = Y.createRelativePositionFromTypeIndex(absolute.type, absolute.index, -1);
  const pos = relativePositionToAbsolutePosition(target.doc, target.fragment, normalised, target.mapping);
  return pos === null ? { status: 'unknown' } : { status: 'found', pos };
}

/** Where an anchor's passage is now in the editor's document. */
export function resolveAnchor(target: AnchorTarget, anchor: Pick<ThreadAnchor, 'start' | 'end'>): AnchorPlace {
  const start = resolveEnd(target, anchor.start);
  const end = resolveEnd(target, anchor.end);
  if (start.status === 'unknown' || end.status === 'unknown') return { status: 'unknown' };
  if (start.status === 'deleted' || end.status === 'deleted') return { status: 'deleted' };
  if (start.pos >= end.pos) return { status: 'deleted' };
  return { status: 'found', from: start.pos, to: end.pos };
}
