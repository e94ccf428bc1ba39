// The editor side of suggestions, for everyone: draws a section's open suggestions in its text,
// live, finds where every suggestion's passage is now (as threads' highlights do: anchors
// resolved again on each change from Yjs), and shows a passage on request from the list.
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state';
import { DecorationSet, type Decoration, type EditorView } from '@tiptap/pm/view';
import { Extension } from '@tiptap/react';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import type { Suggestion } from '../../shared/api';
import type { PassageRegistry, PassageStatus } from '../threads/PassageRegistry';
import { anchorTarget } from '../threads/ThreadHighlights';
import { revealPassage } from '../threads/revealPassage';
import { changeDecorations } from './changeDecorations';
import { resolveChange, type ChangePlace } from './suggestionAnchors';
import type { SuggestionStore } from './SuggestionStore';

/** Where open suggestions' widgets sit against a caret: before it, and before a draft's (side -1). */
export const OPEN_CHANGE_SIDE = -2;

interface MarksState {
  /** The section's suggestions, in every state. */
  suggestions: readonly Suggestion[];
  places: ReadonlyMap<string, ChangePlace>;
  decorations: DecorationSet;
}

type MarksMeta = { suggestions: readonly Suggestion[] } | { refresh: true };

const marksKey = new PluginKey<MarksState>('suggestionMarks');

/** Whether a transaction brings changes from Yjs (others' edits, the first sync, an accepted suggestion). */
export function isChangeFromYjs(tr: Transaction): boolean {
  const meta: unknown = tr.getMeta(ySyncPluginKey);
  return typeof meta === 'object' && meta !== null && 'isChangeOrigin' in meta && meta.isChangeOrigin === true;
}

/** Whether the editor's last change came from Yjs, as the sync plugin records it. */
export function isSyncChange(state: EditorState): boolean {
  return (ySyncPluginKey.getState(state) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin === true;
}

function ofSection(suggestions: readonly Suggestion[], sectionId: string): Suggestion[] {
  return suggestions.filter((suggestion) => suggestion.sectionId === sectionId);
}

function same(a: readonly Suggestion[], b: readonly Suggestion[]): boolean {
  return a.length === b.length && a.every((suggestion, i) => suggestion === b[i]);
}

function locate(state: EditorState, suggestions: readonly Suggestion[], target = anchorTarget(state)): MarksState {
  const places = new Map<string, ChangePlace>();
  const decorations: Decoration[] = [];
  const size = state.doc.content.size;
  for (const suggestion of suggestions) {
    let place: ChangePlace = { status: 'unknown' };
    if (target) {
      try {
        place = resolveChange(target, suggestion.anchor);
      } catch {
        // The binding's mapping lags the doc for a moment: try again on the next change.
      }
    }
    if (place.status === 'found' && place.to > size) place = { status: 'unknown' };
    places.set(suggestion.id, place);
    if (place.status !== 'found' || suggestion.state !== 'open') continue;
    decorations.push(
      ...changeDecorations(
        { from: place.from, to: place.to, insert: suggestion.insert },
        { key: suggestion.id, by: { id: suggestion.id, name: suggestion.by.name, role: suggestion.by.role }, side: OPEN_CHANGE_SIDE },
      ),
    );
  }
  return { suggestions, places, decorations: DecorationSet.create(state.doc, decorations) };
}

function statusesOf(places: ReadonlyMap<string, ChangePlace>): Map<string, PassageStatus> {
  return new Map([...places].map(([id, place]) => [id, place.status]));
}

/** Focuses the editor and selects a suggestion's passage (or puts the caret at its insertion point). */
function showChange(view: EditorView, suggestionId: string): boolean {
  const place = marksKey.getState(view.state)?.places.get(suggestionId);
  if (place?.status !== 'found') return false;
  revealPassage(view, place.from, place.to);
  return true;
}

/** What the extension needs from the page. */
export interface SuggestionMarksOptions {
  sectionId: string;
  store: SuggestionStore;
  passages: PassageRegistry;
}

function marksPlugin({ sectionId, store, passages }: SuggestionMarksOptions): Plugin<MarksState> {
  return new Plugin<MarksState>({
    key: marksKey,
    state: {
      init: (_config, state) => locate(state, ofSection(store.getSnapshot().suggestions, sectionId)),
      apply(tr, value, oldState, newState) {
        const meta = tr.getMeta(marksKey) as MarksMeta | undefined;
        const target = anchorTarget(newState) ?? anchorTarget(oldState);
        if (meta && 'suggestions' in meta) return locate(newState, meta.suggestions, target);
        if (meta || isChangeFromYjs(tr)) return locate(newState, value.suggestions, target);
        if (tr.docChanged) return { ...value, decorations: value.decorations.map(tr.mapping, tr.doc) };
        return value;
      },
    },
    props: {
      decorations: (state) => marksKey.getState(state)?.decorations,
    },
    view(view) {
      let refreshQueued = false;
      const unsubscribe = store.subscribe(() => {
        const suggestions = ofSection(store.getSnapshot().suggestions, sectionId);
        if (!same(suggestions, marksKey.getState(view.state)?.suggestions ?? [])) view.dispatch(view.state.tr.setMeta(marksKey, { suggestions }));
      });
      const detach = passages.attach(sectionId, { show: (id) => showChange(view, id) });
      const report = () => {
        const places = marksKey.getState(view.state)?.places;
        if (places) passages.report(sectionId, statusesOf(places));
      };
      report();
      return {
        update(view, prevState) {
          const now = marksKey.getState(view.state);
          if (now && now.places !== marksKey.getState(prevState)?.places) report();
          // A writer's own edit reaches Yjs only after this transaction: look again just after.
          const localEdit = view.state.doc !== prevState.doc && !isSyncChange(view.state);
          if (localEdit && now && now.suggestions.length > 0 && !refreshQueued) {
            refreshQueued = true;
            queueMicrotask(() => {
              refreshQueued = false;
              if (!view.isDestroyed) view.dispatch(view.state.tr.setMeta(marksKey, { refresh: true }));
            });
          }
        },
        destroy() {
          unsubscribe();
          detach();
        },
      };
    },
  });
}

/** A section's open suggestions drawn in its editor. */
export const SuggestionMarks = Extension.create<SuggestionMarksOptions>({
  name: 'suggestionMarks',
  addProseMirrorPlugins() {
    return [marksPlugin(this.options)];
  },
});
