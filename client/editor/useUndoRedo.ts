// Whether this member has something to undo or redo. Collaboration's undo manager (y-prosemirror's,
// on Yjs) records only this client's own changes, so others' edits are never undone here. Its
// stacks change after the editor's transaction when an undo lands, so its events are watched too.
import type { Editor } from '@tiptap/react';
import { yUndoPluginKey } from '@tiptap/y-tiptap';
import { useCallback, useSyncExternalStore } from 'react';

interface UndoStacks {
  undoStack: unknown[];
  redoStack: unknown[];
  on(event: string, listener: () => void): void;
  off(event: string, listener: () => void): void;
}

const STACK_EVENTS = ['stack-item-added', 'stack-item-popped', 'stack-cleared'];

function undoManager(editor: Editor | null): UndoStacks | null {
  if (!editor || editor.isDestroyed) return null;
  const state = yUndoPluginKey.getState(editor.state) as { undoManager?: UndoStacks } | undefined;
  return state?.undoManager ?? null;
}

/** "undo redo" flags as one string, so the snapshot compares by value. */
function snapshot(editor: Editor | null): string {
  const manager = undoManager(editor);
  if (!manager) return '';
  return `${manager.undoStack.length > 0 ? 'undo' : ''} ${manager.redoStack.length > 0 ? 'redo' : ''}`;
}

/** Whether Undo and Redo have anything to do for this member. */
export function useUndoRedo(editor: Editor | null): { canUndo: boolean; canRedo: boolean } {
  const subscribe = useCallback(
    (changed: () => void) => {
      const manager = undoManager(editor);
      editor?.on('transaction', changed);
      for (const event of STACK_EVENTS) manager?.on(event, changed);
      return () => {
        editor?.off('transaction', changed);
        for (const event of STACK_EVENTS) manager?.off(event, changed);
      };
    },
    [editor],
  );
  const flags = useSyncExternalStore(subscribe, () => snapshot(editor));
  return { canUndo: flags.includes('undo'), canRedo: flags.includes('redo') };
}
