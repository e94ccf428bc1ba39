// The editor's shortcut labels: what the help dialog shows and the toolbar announces.
import { describe, expect, it } from 'vitest';
import { ariaKeyShortcuts, keysLabel, SHORTCUTS } from '../../../client/editor/shortcuts';

describe('shortcut labels', () => {
  it('read Ctrl on Windows and Linux, Cmd on a Mac, and give aria-keyshortcuts', () => {
    expect(keysLabel(['Mod', 'Alt', '1'], false)).toBe('Ctrl + Alt + 1');
    expect(keysLabel(['Mod', 'B'], true)).toBe('Cmd + B');
    expect(ariaKeyShortcuts(SHORTCUTS.redo, false)).toBe('Control+Y Control+Shift+Z');
    expect(ariaKeyShortcuts(SHORTCUTS.bold, true)).toBe('Meta+B');
  });
});
