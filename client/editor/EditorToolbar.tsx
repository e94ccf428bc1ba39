import type { Editor } from '@tiptap/react';
import { useEditorState } from '@tiptap/react';
import { forwardRef, type KeyboardEvent } from 'react';
import { ariaKeyShortcuts, keysLabel } from './shortcuts';
import { activeFormatting, TOOLBAR_GROUPS, type ToolbarActions, type ToolbarItem, type ToolbarState } from './toolbarItems';
import { ToolbarIcon } from './ToolbarIcon';
import { useRovingFocus } from './useRovingFocus';
import { useUndoRedo } from './useUndoRedo';

interface EditorToolbarProps {
  editor: Editor;
  /** The section's label: the toolbar is "Formatting for <label>". */
  label: string;
  /** The id of the editor's text, which the toolbar controls. */
  editorId: string;
  actions: ToolbarActions;
}

const ITEMS = TOOLBAR_GROUPS.flat();

function tooltip(item: ToolbarItem): string {
  const keys = item.shortcut?.keys[0];
  return keys ? `${item.label} (${keysLabel(keys)})` : item.label;
}

// Keeps the editor focused and its selection where it is when a button is pressed with a mouse.
function keepEditorFocus(event: { preventDefault: () => void }) {
  event.preventDefault();
}

/**
 * A section editor's formatting toolbar, after WAI-ARIA's toolbar pattern: one Tab stop, the
 * arrow keys (and Home, End) between buttons, toggles that say whether they are on, Escape or
 * Alt+F10 back to the text. Buttons act on the editor's selection, which they leave in place.
 */
export const EditorToolbar = forwardRef<HTMLDivElement, EditorToolbarProps>(function EditorToolbar(
  { editor, label, editorId, actions },
  ref,
) {
  const roving = useRovingFocus(ITEMS.length);
  const active = useEditorState({ editor, selector: ({ editor: current }) => activeFormatting(current) });
  const { canUndo, canRedo } = useUndoRedo(editor);
  const state: ToolbarState = { active, canUndo, canRedo };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (roving.onKeyDown(event)) {
      event.preventDefault();
      return;
    }
    const mod = event.ctrlKey || event.metaKey;
    if (event.key === 'Escape' || (event.key === 'F10' && event.altKey)) {
      event.preventDefault();
      editor.commands.focus();
    } else if (mod && !event.altKey && event.key.toLowerCase() === 'k') {
      event.preventDefault();
      actions.openLink();
    }
  };

  let index = 0;
  return (
    <div
      ref={ref}
      className="toolbar"
      role="toolbar"
      aria-label={`Formatting for ${label}`}
      aria-controls={editorId}
      onKeyDown={onKeyDown}
    >
      {TOOLBAR_GROUPS.map((group) => (
        <div className="toolbar__group" key={group[0]!.id}>
          {group.map((item) => {
            const enabled = item.enabled ? item.enabled(state) : true;
            const pressed = item.toggle ? Boolean(state.active[item.id]) : undefined;
            const props = roving.itemProps(index++);
            return (
              <button
                key={item.id}
                type="button"
                className={pressed ? 'toolbar__button toolbar__button--pressed' : 'toolbar__button'}
                title={tooltip(item)}
                aria-pressed={pressed}
                aria-disabled={enabled ? undefined : true}
                aria-haspopup={item.dialog ? 'dialog' : undefined}
                aria-keyshortcuts={item.shortcut ? ariaKeyShortcuts(item.shortcut) : undefined}
                {...props}
                onMouseDown={keepEditorFocus}
                onClick={() => {
                  if (enabled) item.run(editor, actions);
                }}
              >
                <ToolbarIcon name={item.icon} />
                <span className="visually-hidden">{item.label}</span>
              </button>
            );
          })}
        </div>
      ))}
    </div>
  );
});
