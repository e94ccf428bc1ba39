import { TextSelection } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';

/** Focuses an editor, selects the text from `from` to `to` and scrolls it into view. */
export function revealPassage(view: EditorView, from: number, to: number): void {
  view.dom.scrollIntoView({ block: 'nearest' });
  // ProseMirror's own focus() skips a read-only editor; the element itself is focusable.
  view.dom.focus({ preventScroll: true });
  view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, from, to)).scrollIntoView());
  if (view.editable) return;
  // ProseMirror draws the selection of a read-only editor only if the browser's selection is
  // already inside it; so draw it here, for the reader to see (and copy) the passage.
  const start = view.domAtPos(from);
  const end = view.domAtPos(to);
  const range = document.createRange();
  range.setStart(start.node, start.offset);
  range.setEnd(end.node, end.offset);
  const selection = window.getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
}
