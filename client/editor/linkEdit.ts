// Adding, changing and removing a link in a section's text, as the link dialog does it.
import type { Editor } from '@tiptap/react';

/** What the link dialog starts with. */
export interface LinkStart {
  /** The selected text (the whole link's, if the caret was in one). */
  text: string;
  href: string;
  /** The caret or selection was in a link: it can be changed or removed. */
  editing: boolean;
  /** The selection lies in one paragraph, so its text can be replaced by the dialog's. */
  textEditable: boolean;
}

/** Selects the whole link under the caret, if any, and reads what the dialog starts with. */
export function startLinkEdit(editor: Editor): LinkStart {
  const href = (editor.getAttributes('link').href as string | undefined) ?? '';
  if (href) editor.chain().extendMarkRange('link').run();
  const { from, to, empty, $from, $to } = editor.state.selection;
  return {
    text: empty ? '' : editor.state.doc.textBetween(from, to, ' '),
    href,
    editing: href !== '',
    textEditable: $from.sameParent($to),
  };
}

/** The text a link shows when none was given: its address, without "mailto:". */
export function defaultLinkText(href: string): string {
  return href.replace(/^mailto:/i, '');
}

/**
 * Links the selection to `href`, showing `text`. The selection keeps its own text (and its
 * formatting) when the text is unchanged; otherwise the text replaces it. The caret ends after
 * the link, and typing there does not extend it.
 */
export function applyLink(editor: Editor, start: LinkStart, text: string, href: string): void {
  const { from, to, empty, $from } = editor.state.selection;
  const shown = text.trim() === '' ? (empty ? defaultLinkText(href) : start.text) : text;
  if (!start.textEditable || (!empty && shown === start.text)) {
    editor.chain().focus().setLink({ href }).setTextSelection(to).unsetMark('link').run();
    return;
  }
  const marks = $from
    .marks()
    .filter((mark) => mark.type.name !== 'link')
    .map((mark) => mark.toJSON() as { type: string; attrs?: Record<string, unknown> });
  editor
    .chain()
    .focus()
    .insertContentAt({ from, to }, { type: 'text', text: shown, marks: [...marks, { type: 'link', attrs: { href } }] })
    .unsetMark('link')
    .run();
}

/** Removes the link under the caret or in the selection. */
export function removeLink(editor: Editor): void {
  editor.chain().focus().extendMarkRange('link').unsetLink().run();
}
