// Runs of text in a ProseMirror document: the stretches of text a suggestion can change. A run is
// the text of one paragraph, heading or cell between inline nodes such as line breaks; the
// editor's sync binding keeps each run as one Yjs text, and a suggestion lies within one.
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';

/** A stretch of a document between two ProseMirror positions. */
export interface Range {
  from: number;
  to: number;
}

/** The runs of text of a textblock whose content starts at `start`; an empty block has one empty run. */
function runsOf(block: ProseMirrorNode, start: number): Range[] {
  const runs: Range[] = [];
  let current: Range | null = null;
  block.forEach((child, offset) => {
    const at = start + offset;
    if (child.isText) {
      if (current && current.to === at) current.to = at + child.nodeSize;
      else runs.push((current = { from: at, to: at + child.nodeSize }));
    } else {
      current = null;
    }
  });
  if (runs.length === 0 && block.content.size === 0) runs.push({ from: start, to: start });
  return runs;
}

/**
 * The run a position is in (or at an end of), preferring the run before it, as the sync binding
 * does; null if the position is not in a textblock or touches no text (between two line breaks).
 */
export function runAt(doc: ProseMirrorNode, pos: number): Range | null {
  if (pos < 0 || pos > doc.content.size) return null;
  const $pos = doc.resolve(pos);
  if (!$pos.parent.isTextblock) return null;
  return runsOf($pos.parent, $pos.start()).find((run) => run.from <= pos && pos <= run.to) ?? null;
}

/**
 * The parts of [from, to] that lie in runs of text, in document order: one part per run it
 * crosses (paragraph breaks, line breaks and other nodes between them are left out). A collapsed
 * range gives its run's point, or nothing if it is not in text.
 */
export function runsBetween(doc: ProseMirrorNode, from: number, to: number): Range[] {
  if (from === to) {
    return runAt(doc, from) ? [{ from, to }] : [];
  }
  const parts: Range[] = [];
  doc.nodesBetween(from, to, (node, pos) => {
    if (!node.isTextblock) return true;
    for (const run of runsOf(node, pos + 1)) {
      const part = { from: Math.max(run.from, from), to: Math.min(run.to, to) };
      if (part.from < part.to) parts.push(part);
    }
    return false;
  });
  return parts;
}

/** The text of a run between two positions (no separators: a run holds only text). */
export function textOf(doc: ProseMirrorNode, range: Range): string {
  return doc.textBetween(range.from, range.to);
}
