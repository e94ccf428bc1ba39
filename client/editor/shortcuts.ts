// Every keyboard shortcut of a section editor, in one place: the help dialog lists them and the
// toolbar's buttons announce theirs (aria-keyshortcuts). The keys are TipTap's own bindings
// (StarterKit, Collaboration, TableKit) and ours (EditorKeys).

/** A key combination; "Mod" is Ctrl, or Cmd on a Mac. */
export type Keys = readonly string[];

/** One shortcut: what it does and its key combinations (alternatives). */
export interface Shortcut {
  action: string;
  keys: readonly Keys[];
}

/** A group of shortcuts, as the help dialog shows them. */
export interface ShortcutGroup {
  title: string;
  shortcuts: readonly Shortcut[];
}

/** Named shortcuts the toolbar's buttons carry. */
export const SHORTCUTS = {
  bold: { action: 'Bold', keys: [['Mod', 'B']] },
  italic: { action: 'Italic', keys: [['Mod', 'I']] },
  underline: { action: 'Underline', keys: [['Mod', 'U']] },
  heading: { action: 'Heading', keys: [['Mod', 'Alt', '1']] },
  subheading: { action: 'Subheading', keys: [['Mod', 'Alt', '2']] },
  bulletList: { action: 'Bulleted list', keys: [['Mod', 'Shift', '8']] },
  orderedList: { action: 'Numbered list', keys: [['Mod', 'Shift', '7']] },
  link: { action: 'Add or change a link', keys: [['Mod', 'K']] },
  undo: { action: 'Undo your last change', keys: [['Mod', 'Z']] },
  redo: { action: 'Redo', keys: [['Mod', 'Y'], ['Mod', 'Shift', 'Z']] },
} as const satisfies Record<string, Shortcut>;

/** What the help dialog lists. */
export const SHORTCUT_GROUPS: readonly ShortcutGroup[] = [
  {
    title: 'Text',
    shortcuts: [
      SHORTCUTS.bold,
      SHORTCUTS.italic,
      SHORTCUTS.underline,
      { action: 'Strikethrough', keys: [['Mod', 'Shift', 'S']] },
      SHORTCUTS.link,
      { action: 'Line break within a paragraph', keys: [['Shift', 'Enter']] },
    ],
  },
  {
    title: 'Paragraphs',
    shortcuts: [
      SHORTCUTS.heading,
      SHORTCUTS.subheading,
      { action: 'Normal text', keys: [['Mod', 'Alt', '0']] },
      SHORTCUTS.bulletList,
      SHORTCUTS.orderedList,
      { action: 'Indent a list item (nest it)', keys: [['Tab']] },
      { action: 'Outdent a list item', keys: [['Shift', 'Tab']] },
      { action: 'Quote', keys: [['Mod', 'Shift', 'B']] },
    ],
  },
  {
    title: 'Tables',
    shortcuts: [
      { action: 'Next cell (adds a row at the end)', keys: [['Tab']] },
      { action: 'Previous cell', keys: [['Shift', 'Tab']] },
    ],
  },
  {
    title: 'Changes',
    shortcuts: [SHORTCUTS.undo, SHORTCUTS.redo],
  },
  {
    title: 'Moving around',
    shortcuts: [
      { action: 'From the text to its formatting toolbar', keys: [['Alt', 'F10'], ['Escape']] },
      { action: 'From the toolbar back to the text', keys: [['Escape'], ['Alt', 'F10']] },
      { action: 'Between the toolbar’s buttons', keys: [['Left arrow'], ['Right arrow'], ['Home'], ['End']] },
    ],
  },
  {
    title: 'Typing shortcuts (at the start of a line, then a space)',
    shortcuts: [
      { action: 'Heading', keys: [['#']] },
      { action: 'Subheading', keys: [['##']] },
      { action: 'Bulleted list', keys: [['-'], ['*']] },
      { action: 'Numbered list', keys: [['1.']] },
      { action: 'Quote', keys: [['>']] },
    ],
  },
];

/** Whether the page runs on a Mac, where "Mod" is Cmd. */
export function isMac(platform: string = typeof navigator === 'undefined' ? '' : navigator.platform): boolean {
  return /mac|iphone|ipad/i.test(platform);
}

/** The keys as a person reads them: "Ctrl + B", or "Cmd + B" on a Mac. */
export function keysLabel(keys: Keys, mac = isMac()): string {
  return keys.map((key) => (key === 'Mod' ? (mac ? 'Cmd' : 'Ctrl') : key)).join(' + ');
}

const ARIA_KEY_NAMES: Record<string, string> = { Ctrl: 'Control', Cmd: 'Meta' };

/** The value of aria-keyshortcuts for a shortcut: "Control+B", "Control+Y Control+Shift+Z". */
export function ariaKeyShortcuts(shortcut: Shortcut, mac = isMac()): string {
  return shortcut.keys
    .map((keys) =>
      keys
        .map((key) => (key === 'Mod' ? (mac ? 'Meta' : 'Control') : (ARIA_KEY_NAMES[key] ?? key)))
        .join('+'),
    )
    .join(' ');
}
