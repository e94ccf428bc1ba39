// Suggest mode in a section's editor. The editor takes keys as usual, but nothing reaches the
// section's document: every input becomes a change to a draft (draftEdits.ts), drawn inline (the
// text it deletes struck, what it inserts as a widget before the caret), and sent as suggestions
// when the member pauses, leaves the passage, presses Enter or leaves the editor. Any other
// local change to the document is refused while the mode is on (Yjs's own changes still land).
import { Plugin, PluginKey, TextSelection, type EditorState } from '@tiptap/pm/state';
import { DecorationSet, type Decoration, type EditorView } from '@tiptap/pm/view';
import { Extension } from '@tiptap/react';
import { stripDisallowedCharacters } from '../../shared/text';
import { errorMessage } from '../api/ApiError';
import type { AnchorTarget } from '../threads/anchors';
import { anchorTarget } from '../threads/ThreadHighlights';
import { changeDecorations } from './changeDecorations';
import { draftCaret, editDraft, isEmptyDraft, pastedText, type DraftInput, type DraftPart } from './draftEdits';
import { isChangeFromYjs } from './SuggestionMarks';
import type { SuggestMode } from './SuggestMode';
import { changeAnchor, resolveChange } from './suggestionAnchors';
import type { SuggestionEnds, SuggestionStore } from './SuggestionStore';

/**
 * How long a pause in typing sends the draft. Long enough not to cut a sentence being composed
 * into several suggestions (each one the owner must decide), short enough for others to see it soon.
 */
export const SEND_AFTER_PAUSE_MS = 3_000;
/** Where the draft's widget sits against the caret: just before it, after open suggestions'. */
const DRAFT_SIDE = -1;

/** Said when a change other than text was refused. */
export const ONLY_TEXT = 'In suggest mode only text can be changed: formatting, paragraphs and tables stay as they are.';

/** A part of the draft, or of what is being sent, with the anchor its positions came from. */
interface AnchoredPart extends DraftPart {
  anchor: SuggestionEnds;
}

/** A part being sent: drawn until the server's suggestion takes its place. */
interface SendingPart extends AnchoredPart {
  key: number;
}

interface DraftState {
  on: boolean;
  draft: AnchoredPart[] | null;
  sending: SendingPart[];
  decorations: DecorationSet;
}

type DraftMeta =
  | { on: boolean }
  /** The draft from now on, and parts that start being sent. */
  | { draft: AnchoredPart[] | null; sending?: SendingPart[] }
  /** A part was sent (or failed). */
  | { sent: number };

const draftKey = new PluginKey<DraftState>('suggestDraft');

function draw(state: EditorState, draft: AnchoredPart[] | null, sending: SendingPart[]): DecorationSet {
  const decorations: Decoration[] = [];
  sending.forEach((part) => decorations.push(...changeDecorations(part, { key: `sending-${part.key}`, by: 'sending', side: DRAFT_SIDE })));
  draft?.forEach((part, i) => decorations.push(...changeDecorations(part, { key: `draft-${i}`, by: 'draft', side: DRAFT_SIDE })));
  return DecorationSet.create(state.doc, decorations);
}

/** Where each part's passage is now, from its anchor; parts whose passage is gone are left out. */
function relocate<T extends AnchoredPart>(parts: readonly T[], target: AnchorTarget | null, size: number): T[] {
  if (!target) return [...parts];
  const kept: T[] = [];
  for (const part of parts) {
    let place;
    try {
      place = resolveChange(target, part.anchor);
    } catch {
      kept.push(part);
      continue;
    }
    if (place.status === 'found' && place.to <= size) kept.push({ ...part, from: place.from, to: place.to });
    else if (place.status === 'unknown') kept.push(part);
  }
  return kept;
}

function withState(state: EditorState, value: Omit<DraftState, 'decorations'>): DraftState {
  return { ...value, decorations: draw(state, value.draft, value.sending) };
}

/** What the extension needs from the section. */
export interface SuggestDraftOptions {
  sectionId: string;
  store: SuggestionStore;
  mode: SuggestMode;
}

/** "replace “a” with “b”", for announcements. */
function describe(part: DraftPart, quote: string): string {
  const clip = (text: string) => (text.length > 40 ? `${text.slice(0, 39)}…` : text);
  if (!part.insert) return `delete “${clip(quote)}”`;
  if (!quote) return `insert “${clip(part.insert)}”`;
  return `replace “${clip(quote)}” with “${clip(part.insert)}”`;
}

function draftPlugin({ sectionId, store, mode }: SuggestDraftOptions): Plugin<DraftState> {
  let nextKey = 1;
  // Sent one after another, so suggestions typed at one point are made in the order typed.
  let queue: Promise<void> = Promise.resolve();
  let refusedNotice = false;

  const stateOf = (view: EditorView) => draftKey.getState(view.state)!;

  /** Starts sending parts (those that would change nothing are dropped), returning those kept. */
  const toSend = (view: EditorView, parts: readonly AnchoredPart[]): SendingPart[] =>
    parts
      .filter((part) => part.insert !== view.state.doc.textBetween(part.from, part.to))
      .map((part) => ({ ...part, key: nextKey++ }));

  const post = (view: EditorView, parts: readonly SendingPart[]) => {
    for (const part of parts) {
      const quote = view.state.doc.textBetween(part.from, part.to);
      queue = queue.then(async () => {
        try {
          await store.create(sectionId, part.anchor, part.insert);
          mode.announce(`Your suggestion was sent: ${describe(part, quote)}.`);
        } catch (error) {
          mode.report(`Your suggestion to ${describe(part, quote)} was not sent: ${errorMessage(error)}`);
        }
        if (!view.isDestroyed) view.dispatch(view.state.tr.setMeta(draftKey, { sent: part.key } satisfies DraftMeta));
      });
    }
  };

  /** Sends the draft now. */
  const flush = (view: EditorView) => {
    const { draft } = stateOf(view);
    if (!draft) return;
    const sending = toSend(view, draft);
    view.dispatch(view.state.tr.setMeta(draftKey, { draft: null, sending } satisfies DraftMeta));
    post(view, sending);
  };

  const discard = (view: EditorView) => {
    view.dispatch(view.state.tr.setMeta(draftKey, { draft: null } satisfies DraftMeta));
    mode.announce('Your suggestion was discarded.');
  };

  /** Applies a key, a paste or a cut to the draft. */
  const input = (view: EditorView, change: DraftInput) => {
    const target = anchorTarget(view.state);
    if (!target) {
      mode.report('The text is still loading. Try again in a moment.');
      return;
    }
    const { draft } = stateOf(view);
    const { from, to } = view.state.selection;
    const result = editDraft(view.state.doc, draft, { from, to }, change);
    if (result.refused) mode.announce(result.refused);
    let next: AnchoredPart[] | null = null;
    try {
      next = result.draft && !isEmptyDraft(result.draft) ? result.draft.map((part) => ({ ...part, anchor: changeAnchor(target, part.from, part.to) })) : null;
    } catch {
      mode.report('That place in the text cannot take a suggestion. Try somewhere else in the paragraph.');
      next = null;
    }
    const sending = result.send ? toSend(view, result.send) : [];
    const tr = view.state.tr.setMeta(draftKey, { draft: next, sending } satisfies DraftMeta);
    if (result.caret !== null) tr.setSelection(TextSelection.create(tr.doc, result.caret));
    view.dispatch(tr.scrollIntoView());
    post(view, sending);
  };

  const isMod = (event: KeyboardEvent) => (/Mac|iPhone|iPad/.test(navigator.platform) ? event.metaKey : event.ctrlKey);

  const onKeyDown = (view: EditorView, event: KeyboardEvent): boolean => {
    if (!stateOf(view).on || event.isComposing) return false;
    const by = event.ctrlKey || event.altKey || event.metaKey ? 'word' : 'character';
    switch (event.key) {
      case 'Backspace':
      case 'Delete':
        event.preventDefault();
        input(view, { kind: event.key === 'Backspace' ? 'deleteBackward' : 'deleteForward', by });
        return true;
      case 'Enter':
        event.preventDefault();
        flush(view);
        return true;
      case 'Escape':
        if (!stateOf(view).draft) return false;
        event.preventDefault();
        discard(view);
        return true;
      case 'Tab':
        // Past the keymaps (lists and tables indent with Tab), to the browser: focus moves on.
        flush(view);
        return true;
    }
    if (isMod(event) && (event.key.toLowerCase() === 'z' || event.key.toLowerCase() === 'y')) {
      // Undo would take back this member's earlier edits in the document itself.
      event.preventDefault();
      if (stateOf(view).draft) discard(view);
      return true;
    }
    return false;
  };

  return new Plugin<DraftState>({
    key: draftKey,
    state: {
      init: (_config, state) => withState(state, { on: mode.getSnapshot().on, draft: null, sending: [] }),
      apply(tr, value, oldState, newState) {
        const meta = tr.getMeta(draftKey) as DraftMeta | undefined;
        if (meta && 'on' in meta) return { ...value, on: meta.on };
        if (meta && 'draft' in meta) return withState(newState, { ...value, draft: meta.draft, sending: [...value.sending, ...(meta.sending ?? [])] });
        if (meta && 'sent' in meta) return withState(newState, { ...value, sending: value.sending.filter((part) => part.key !== meta.sent) });
        if (!value.draft && value.sending.length === 0) return value;
        if (isChangeFromYjs(tr)) {
          // Others' edits arrive as a whole new document from the sync binding: find the parts again.
          const target = anchorTarget(newState) ?? anchorTarget(oldState);
          const size = newState.doc.content.size;
          const draft = value.draft ? relocate(value.draft, target, size) : null;
          // A draft whose first part is gone has lost the place its typing went.
          const kept = draft && draft.length > 0 && value.draft && draft[0]!.anchor === value.draft[0]!.anchor ? draft : null;
          return withState(newState, { ...value, draft: kept, sending: relocate(value.sending, target, size) });
        }
        if (tr.docChanged) return { ...value, decorations: value.decorations.map(tr.mapping, tr.doc) };
        return value;
      },
    },
    filterTransaction(tr, state) {
      const value = draftKey.getState(state);
      if (!value?.on || !tr.docChanged || isChangeFromYjs(tr)) return true;
      if (!refusedNotice) {
        refusedNotice = true;
        queueMicrotask(() => {
          refusedNotice = false;
          mode.announce(ONLY_TEXT);
        });
      }
      return false;
    },
    props: {
      decorations: (state) => draftKey.getState(state)?.decorations,
      handleTextInput(view, from, to, text) {
        if (!stateOf(view).on) return false;
        // An IME's text while it is being composed is left to the browser to show; once the
        // composition ends, ProseMirror reads it again and it comes here whole.
        if (view.composing) return true;
        const clean = stripDisallowedCharacters(pastedText(text));
        if (clean) input(view, { kind: 'text', from, to, text: clean });
        return true;
      },
      handlePaste(view, event, slice) {
        if (!stateOf(view).on) return false;
        const plain = event.clipboardData?.getData('text/plain') || slice.content.textBetween(0, slice.content.size, '\n', ' ');
        const text = stripDisallowedCharacters(pastedText(plain));
        const { from, to } = view.state.selection;
        if (text) input(view, { kind: 'text', from, to, text });
        return true;
      },
      handleDrop(view) {
        if (!stateOf(view).on) return false;
        mode.announce(ONLY_TEXT);
        return true;
      },
      handleDOMEvents: {
        keydown: onKeyDown,
        blur(view) {
          if (stateOf(view).on) flush(view);
          return false;
        },
        cut(view, event) {
          if (!stateOf(view).on) return false;
          event.preventDefault();
          const { from, to, empty } = view.state.selection;
          if (empty) return true;
          event.clipboardData?.setData('text/plain', view.state.doc.textBetween(from, to, '\n'));
          input(view, { kind: 'deleteBackward', by: 'character' });
          return true;
        },
      },
    },
    view(view) {
      let timer: ReturnType<typeof setTimeout> | null = null;
      const stopTimer = () => {
        if (timer) clearTimeout(timer);
        timer = null;
      };
      const unsubscribe = mode.subscribe(() => {
        const on = mode.getSnapshot().on;
        if (!view.isDestroyed && stateOf(view).on !== on) view.dispatch(view.state.tr.setMeta(draftKey, { on } satisfies DraftMeta));
      });
      return {
        update(view, prevState) {
          const now = stateOf(view);
          const before = draftKey.getState(prevState);
          if (!now.draft) {
            stopTimer();
            return;
          }
          const { selection } = view.state;
          // Off, or the caret moved away from the draft: send it.
          if (!now.on || !selection.empty || selection.head !== draftCaret(now.draft)) {
            stopTimer();
            queueMicrotask(() => {
              if (!view.isDestroyed && stateOf(view).draft === now.draft) flush(view);
            });
            return;
          }
          if (now.draft !== before?.draft) {
            stopTimer();
            timer = setTimeout(() => {
              timer = null;
              if (!view.isDestroyed) flush(view);
            }, SEND_AFTER_PAUSE_MS);
          }
        },
        destroy() {
          stopTimer();
          unsubscribe();
          // The editor is going (rebuilt, or the page left): what was typed is sent, not lost.
          const { draft } = stateOf(view);
          if (draft) {
            const parts = draft.filter((part) => part.insert !== view.state.doc.textBetween(part.from, part.to));
            for (const part of parts) void store.create(sectionId, part.anchor, part.insert).catch(() => {});
          }
        },
      };
    },
  });
}

/** Suggest mode for one section's editor (its toggle is SuggestModeBar). */
export const SuggestDraft = Extension.create<SuggestDraftOptions>({
  name: 'suggestDraft',
  // Before every keymap and input rule: in suggest mode, keys and typing come here first.
  priority: 10_000,
  addProseMirrorPlugins() {
    return [draftPlugin(this.options)];
  },
});
