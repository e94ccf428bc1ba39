// The editor's own keys beyond TipTap's: Ctrl+K (Cmd+K) opens the link dialog, Alt+F10 and
// Escape move to the formatting toolbar (Escape is also the way out of a list or table, where
// Tab indents or moves between cells rather than leaving the editor).
import { Extension } from '@tiptap/react';

/** What the keys do, supplied by the component around the editor. */
export interface EditorKeysOptions {
  /** Opens the link dialog; false when there is none (a read-only editor). */
  onLink: () => boolean;
  /** Moves focus to the toolbar; false when there is none. */
  onToolbar: () => boolean;
}

/** Ctrl+K, Alt+F10 and Escape, handed to the section editor's toolbar. */
export const EditorKeys = Extension.create<EditorKeysOptions>({
  name: 'editorKeys',

  addOptions() {
    return { onLink: () => false, onToolbar: () => false };
  },

  addKeyboardShortcuts() {
    const editable = () => this.editor.isEditable;
    return {
      'Mod-k': () => editable() && this.options.onLink(),
      'Alt-F10': () => editable() && this.options.onToolbar(),
      Escape: () => editable() && this.options.onToolbar(),
    };
  },
});
