// The editor side of threads: highlights the passages of a section's open threads, finds where
// every anchored thread's passage is now, and selects a passage on request.
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';
import { Extension } from '@tiptap/react';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import type { Thread } from '../../shared/api';
import { resolveAnchor, type AnchorPlace, type AnchorTarget, type ProsemirrorMapping } from './anchors';
import type { PassageRegistry, PassageStatus } from './PassageRegistry';
import { readOnlySelectionPlugin } from './readOnlySelection';
import { revealPassage } from './revealPassage';
import type { ThreadStore } from './ThreadStore';

/** The CSS class of a highlighted passage. */
export const HIGHLIGHT_CLASS = 'thread-highlight';

interface HighlightState {
  /** The section's anchored threads, open or resolved. */
  threads: readonly Thread[];
  places: ReadonlyMap<string, AnchorPlace>;
  decorations: DecorationSet;
}

type HighlightMeta = { threads: readonly Thread[] } | { refresh: true };

const highlightsKey = new PluginKey<HighlightState>('threadHighlights');

interface SyncState {
  doc: Y.Doc;
  type: Y.XmlFragment;
  binding: { mapping: ProsemirrorMapping } | null;
  isChangeOrigin: boolean;
}

function syncState(state: EditorState): SyncState | null {
  return (ySyncPluginKey.getState(state) as SyncState | undefined) ?? null;
}

function isChangeFromYjs(tr: Transaction): boolean {
  const meta: unknown = tr.getMeta(ySyncPluginKey);
  return typeof meta === 'object' && meta !== null && 'isChangeOrigin' in meta && meta.isChangeOrigin === true;
}

/** The section's Yjs document as the editor's sync binding sees it now. */
export function anchorTarget(state: EditorState): AnchorTarget | null {
  const sync = syncState(state);
  if (!sync?.binding) return null;
  return { doc: sync.doc, fragment: sync.type, mapping: sync.binding.mapping };
}

function anchoredThreads(threads: readonly Thread[], sectionId: string): Thread[] {
  return threads.filter((thread) => thread.sectionId === sectionId && thread.anchor !== null);
}

function sameThreads(a: readonly Thread[], b: readonly Thread[]): boolean {
  return a.length === b.length && a.every((thread, i) => thread === b[i]);
}

// Runs on every change from Yjs and every change of the thread list: a section has few
// threads, and each lookup walks only the path to its text.
function locate(state: EditorState, threads: readonly Thread[], target = anchorTarget(state)): HighlightState {
  const places = new Map<string, AnchorPlace>();
  const decorations: Decoration[] = [];
  const size = state.doc.content.size;
  for (const thread of threads) {
    if (!thread.anchor) continue;
    let place: AnchorPlace = { status: 'unknown' };
    if (target) {
      try {
        place = resolveAnchor(target, thread.anchor);
      } catch {
        // The binding's mapping lags the doc for a moment: try again on the next change.
      }
    }
    if (place.status === 'found' && place.to > size) place = { status: 'unknown' };
    places.set(thread.id, place);
    if (place.status === 'found' && thread.state === 'open') {
      decorations.push(
        Decoration.inline(
          place.from,
          place.to,
          { class: HIGHLIGHT_CLASS, 'data-thread-id': thread.id },
          { inclusiveStart: false, inclusiveEnd: false },
        ),
      );
    }
  }
  return { threads, places, decorations: DecorationSet.create(state.doc, decorations) };
}

function statusesOf(places: ReadonlyMap<string, AnchorPlace>): Map<string, PassageStatus> {
  return new Map([...places].map(([id, place]) => [id, place.status]));
}

/** Focuses the editor, selects a thread's passage and scrolls it into view. */
function showPassage(view: EditorView, threadId: string): boolean {
  const place = highlightsKey.getState(view.state)?.places.get(threadId);
  if (place?.status !== 'found') return false;
  revealPassage(view, place.from, place.to);
  return true;
}

/** What the extension needs from the page. */
export interface ThreadHighlightsOptions {
  sectionId: string;
  store: ThreadStore;
  passages: PassageRegistry;
}

function highlightsPlugin({ sectionId, store, passages }: ThreadHighlightsOptions): Plugin<HighlightState> {
  return new Plugin<HighlightState>({
    key: highlightsKey,
    state: {
      init: (_config, state) => locate(state, anchoredThreads(store.getSnapshot().threads, sectionId)),
      apply(tr, value, oldState, newState) {
        const meta = tr.getMeta(highlightsKey) as HighlightMeta | undefined;
        // The binding is the same object in every state; the new state may not have the sync
        // plugin's field yet if this plugin's field comes first.
        const target = anchorTarget(newState) ?? anchorTarget(oldState);
        if (meta && 'threads' in meta) return locate(newState, meta.threads, target);
        // Changes from Yjs (others' edits, the first sync) arrive with the binding's mapping up
        // to date: look again. A local edit reaches Yjs only after this, in the sync plugin's
        // view update, so until the refresh below its decorations are mapped through the edit.
        if (meta || isChangeFromYjs(tr)) return locate(newState, value.threads, target);
        if (tr.docChanged) return { ...value, decorations: value.decorations.map(tr.mapping, tr.doc) };
        return value;
      },
    },
    props: {
      decorations: (state) => highlightsKey.getState(state)?.decorations,
    },
    view(view) {
      let refreshQueued = false;
      const unsubscribe = store.subscribe(() => {
        const threads = anchoredThreads(store.getSnapshot().threads, sectionId);
        const current = highlightsKey.getState(view.state)?.threads ?? [];
        if (!sameThreads(threads, current)) view.dispatch(view.state.tr.setMeta(highlightsKey, { threads }));
      });
      const detach = passages.attach(sectionId, { show: (threadId) => showPassage(view, threadId) });
      const report = () => {
        const places = highlightsKey.getState(view.state)?.places;
        if (places) passages.report(sectionId, statusesOf(places));
      };
      report();
      return {
        update(view, prevState) {
          const now = highlightsKey.getState(view.state);
          if (now && now.places !== highlightsKey.getState(prevState)?.places) report();
          const localEdit = view.state.doc !== prevState.doc && !syncState(view.state)?.isChangeOrigin;
          if (localEdit && now && now.threads.length > 0 && !refreshQueued) {
            refreshQueued = true;
            queueMicrotask(() => {
              refreshQueued = false;
              if (!view.isDestroyed) view.dispatch(view.state.tr.setMeta(highlightsKey, { refresh: true }));
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

/** Thread highlights for one section's editor, and keyboard selection when it is read-only. */
export const ThreadHighlights = Extension.create<ThreadHighlightsOptions>({
  name: 'threadHighlights',
  addProseMirrorPlugins() {
    return [highlightsPlugin(this.options), readOnlySelectionPlugin()];
  },
});
