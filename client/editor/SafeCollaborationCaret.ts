// Other members' carets, drawn so that no presence state can cost a member the text. y-tiptap
// draws carets inside the transaction that applies a remote update to the editor, so a caret
// it cannot draw (a state that is not what our server sends: an old or foreign server, or one
// that forwards presence unchecked) used to abort that transaction. The editor then stopped
// showing others' edits, and what its user typed next overwrote them. Here remote states are
// filtered through the shared presence schema before the cursor plugin reads them, and an
// error while drawing carets costs only the carets.
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { Plugin, type EditorState, type Transaction } from '@tiptap/pm/state';
import { DecorationSet, type DecorationAttrs } from '@tiptap/pm/view';
import { yCursorPlugin, yCursorPluginKey } from '@tiptap/y-tiptap';
import type { Awareness } from 'y-protocols/awareness';
import { remoteCaret, type PresenceUser } from '../../shared/presence';

// Awareness replaces a client's state object with each update, so a verdict per object holds.
const verdicts = new WeakMap<object, boolean>();

/** Whether another client's presence state is one whose caret may be drawn. */
function drawsCaret(state: unknown): boolean {
  if (typeof state !== 'object' || state === null) return false;
  let verdict = verdicts.get(state);
  if (verdict === undefined) {
    verdict = remoteCaret(state) !== null;
    verdicts.set(state, verdict);
  }
  return verdict;
}

interface CaretRenderers {
  render: (user: PresenceUser) => HTMLElement;
  selectionRender: (user: PresenceUser) => DecorationAttrs;
}

/** Reports the first failure to draw carets of an editor, so a bug is seen but not repeated. */
function reporter(): (error: unknown) => void {
  let reported = false;
  return (error) => {
    if (reported) return;
    reported = true;
    console.warn('Countersign: other members’ carets could not be drawn (the text is not affected).', error);
  };
}

/**
 * y-tiptap's cursor plugin, given only drawable remote states, with its decorations computed
 * under a guard: if they throw, the transaction goes on with the last carets mapped through it.
 */
function guardedCursorPlugin(awareness: Awareness, renderers: CaretRenderers): Plugin<DecorationSet> {
  const report = reporter();
  const fallbackCaret = () => document.createElement('span');
  const inner = yCursorPlugin(awareness, {
    awarenessStateFilter: (ownId: number, clientId: number, state: unknown) => ownId !== clientId && drawsCaret(state),
    cursorBuilder: (user: PresenceUser) => {
      try {
        return renderers.render(user);
      } catch (error) {
        report(error);
        return fallbackCaret();
      }
    },
    selectionBuilder: (user: PresenceUser) => {
      try {
        return renderers.selectionRender(user);
      } catch (error) {
        report(error);
        return {};
      }
    },
  }) as Plugin<DecorationSet>;
  const field = inner.spec.state;
  if (!field) throw new Error('y-tiptap’s cursor plugin has no state to guard');
  return new Plugin<DecorationSet>({
    ...inner.spec,
    state: {
      init(config, state: EditorState) {
        try {
          return field.init.call(this, config, state);
        } catch (error) {
          report(error);
          return DecorationSet.empty;
        }
      },
      apply(tr: Transaction, carets: DecorationSet, oldState: EditorState, newState: EditorState) {
        try {
          return field.apply.call(this, tr, carets, oldState, newState);
        } catch (error) {
          report(error);
          return carets.map(tr.mapping, tr.doc);
        }
      },
    },
  });
}

/**
 * TipTap's CollaborationCaret (name, colour, `updateUser`, its storage) with its cursor plugin
 * replaced by the guarded one.
 */
export const SafeCollaborationCaret = CollaborationCaret.extend({
  addProseMirrorPlugins() {
    const { awareness } = this.options.provider as { awareness: Awareness };
    const carets = guardedCursorPlugin(awareness, {
      render: (user) => this.options.render(user),
      selectionRender: (user) => this.options.selectionRender(user),
    });
    let replaced = false;
    const plugins = (this.parent?.() ?? []).map((plugin) => {
      if (plugin.spec.key !== yCursorPluginKey) return plugin;
      replaced = true;
      return carets;
    });
    // Pinned versions make this certain; an upgrade that moves the plugin must not go unnoticed.
    if (!replaced) throw new Error('CollaborationCaret no longer adds y-tiptap’s cursor plugin');
    return plugins;
  },
});
