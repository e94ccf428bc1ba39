// Selecting text with the keyboard in a read-only editor, so that anyone may comment on a
// passage of a section they cannot write: browsers move a caret only in editable text (unless
// caret browsing is on), so the arrow keys are turned into moves of the browser's selection,
// which ProseMirror then reads as the editor's selection.
import { Plugin } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';

type Granularity = 'character' | 'word' | 'line' | 'lineboundary';

/** The move a key asks for: by a unit, or to the start or end of the text; null for others. */
type Move = { direction: 'forward' | 'backward'; granularity: Granularity } | { to: 'start' | 'end' };

function moveFor(event: KeyboardEvent): Move | null {
  const word = event.ctrlKey || event.altKey;
  const whole = event.ctrlKey || event.metaKey;
  switch (event.key) {
    case 'ArrowLeft':
      return { direction: 'backward', granularity: word ? 'word' : 'character' };
    case 'ArrowRight':
      return { direction: 'forward', granularity: word ? 'word' : 'character' };
    case 'ArrowUp':
      return { direction: 'backward', granularity: 'line' };
    case 'ArrowDown':
      return { direction: 'forward', granularity: 'line' };
    case 'Home':
      return whole ? { to: 'start' } : { direction: 'backward', granularity: 'lineboundary' };
    case 'End':
      return whole ? { to: 'end' } : { direction: 'forward', granularity: 'lineboundary' };
    default:
      return null;
  }
}

function handleKeyDown(view: EditorView, event: KeyboardEvent): boolean {
  if (view.editable) return false;
  const move = moveFor(event);
  const selection = window.getSelection();
  if (!move || !selection || typeof selection.modify !== 'function') return false;
  event.preventDefault();
  const inside = (node: Node | null) => node !== null && view.dom.contains(node);
  // Start from the top of the text when the browser's selection is elsewhere.
  if (!inside(selection.anchorNode) || !inside(selection.focusNode)) selection.collapse(view.dom, 0);
  const before = { node: selection.focusNode, offset: selection.focusOffset };
  const alter = event.shiftKey ? 'extend' : 'move';
  if ('to' in move) {
    // The browser's "document boundary" is the page's, not the editor's.
    const offset = move.to === 'start' ? 0 : view.dom.childNodes.length;
    if (alter === 'extend') selection.extend(view.dom, offset);
    else selection.collapse(view.dom, offset);
  } else {
    selection.modify(alter, move.direction, move.granularity);
    // Stay within the editor's text.
    if (!inside(selection.focusNode) && before.node) {
      if (alter === 'extend') selection.extend(before.node, before.offset);
      else selection.collapse(before.node, before.offset);
    }
  }
  return true;
}

/** Arrow keys (with Shift to select), Home and End in a read-only editor. */
export function readOnlySelectionPlugin(): Plugin {
  return new Plugin({ props: { handleDOMEvents: { keydown: handleKeyDown } } });
}
