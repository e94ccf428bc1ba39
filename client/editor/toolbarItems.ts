// The formatting toolbar's buttons: what each is called, draws, announces and does.
import type { Editor } from '@tiptap/react';
import { SHORTCUTS, type Shortcut } from './shortcuts';
import type { IconName } from './ToolbarIcon';

/** What a button may ask of the component around the editor. */
export interface ToolbarActions {
  openLink: () => void;
  openShortcuts: () => void;
}

/** The editor's state as the toolbar shows it. */
export interface ToolbarState {
  active: Record<string, boolean>;
  canUndo: boolean;
  canRedo: boolean;
}

/** One button of the toolbar. */
export interface ToolbarItem {
  id: string;
  /** The accessible name (and the tooltip). */
  label: string;
  icon: IconName;
  shortcut?: Shortcut;
  /** A toggle shows whether it is on (aria-pressed). */
  toggle?: boolean;
  /** It opens a dialog (aria-haspopup). */
  dialog?: boolean;
  /** Whether it can do anything now (else aria-disabled). */
  enabled?: (state: ToolbarState) => boolean;
  run: (editor: Editor, actions: ToolbarActions) => void;
}

/** The groups of buttons, in toolbar order (a separator between groups). */
export const TOOLBAR_GROUPS: readonly (readonly ToolbarItem[])[] = [
  [
    { id: 'bold', label: 'Bold', icon: 'bold', shortcut: SHORTCUTS.bold, toggle: true, run: (e) => e.chain().toggleBold().run() },
    { id: 'italic', label: 'Italic', icon: 'italic', shortcut: SHORTCUTS.italic, toggle: true, run: (e) => e.chain().toggleItalic().run() },
    {
      id: 'underline',
      label: 'Underline',
      icon: 'underline',
      shortcut: SHORTCUTS.underline,
      toggle: true,
      run: (e) => e.chain().toggleUnderline().run(),
    },
  ],
  [
    {
      id: 'heading',
      label: 'Heading',
      icon: 'heading',
      shortcut: SHORTCUTS.heading,
      toggle: true,
      run: (e) => e.chain().toggleHeading({ level: 1 }).run(),
    },
    {
      id: 'subheading',
      label: 'Subheading',
      icon: 'subheading',
      shortcut: SHORTCUTS.subheading,
      toggle: true,
      run: (e) => e.chain().toggleHeading({ level: 2 }).run(),
    },
    {
      id: 'bulletList',
      label: 'Bulleted list',
      icon: 'bulletList',
      shortcut: SHORTCUTS.bulletList,
      toggle: true,
      run: (e) => e.chain().toggleBulletList().run(),
    },
    {
      id: 'orderedList',
      label: 'Numbered list',
      icon: 'orderedList',
      shortcut: SHORTCUTS.orderedList,
      toggle: true,
      run: (e) => e.chain().toggleOrderedList().run(),
    },
  ],
  [
    { id: 'link', label: 'Link', icon: 'link', shortcut: SHORTCUTS.link, dialog: true, run: (_e, actions) => actions.openLink() },
    {
      id: 'table',
      label: 'Insert table',
      icon: 'table',
      // Into the new table's first cell, ready to type.
      run: (e) => e.chain().focus().insertTable({ rows: 3, cols: 2, withHeaderRow: true }).run(),
    },
    { id: 'clear', label: 'Clear formatting', icon: 'clear', run: (e) => e.chain().unsetAllMarks().clearNodes().run() },
  ],
  [
    { id: 'undo', label: 'Undo', icon: 'undo', shortcut: SHORTCUTS.undo, enabled: (s) => s.canUndo, run: (e) => e.commands.undo() },
    { id: 'redo', label: 'Redo', icon: 'redo', shortcut: SHORTCUTS.redo, enabled: (s) => s.canRedo, run: (e) => e.commands.redo() },
  ],
  [{ id: 'shortcuts', label: 'Keyboard shortcuts', icon: 'shortcuts', dialog: true, run: (_e, actions) => actions.openShortcuts() }],
];

/** Which toggles are on where the selection is. */
export function activeFormatting(editor: Editor): Record<string, boolean> {
  return {
    bold: editor.isActive('bold'),
    italic: editor.isActive('italic'),
    underline: editor.isActive('underline'),
    heading: editor.isActive('heading', { level: 1 }),
    subheading: editor.isActive('heading', { level: 2 }),
    bulletList: editor.isActive('bulletList'),
    orderedList: editor.isActive('orderedList'),
  };
}
