// The response page's suggestions, shared by the section editors, their suggest-mode toggles,
// the suggestions list and the Publish panel.
import type { Extensions } from '@tiptap/react';
import { createContext, useContext, useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { ResponseDetail, Suggestion } from '../../shared/api';
import type { Membership, ResponseState, Section } from '../../shared/model';
import { canSuggest } from '../../shared/permissions';
import { PassageRegistry, type PassageStatus } from '../threads/PassageRegistry';
import { SuggestDraft } from './SuggestDraft';
import { SuggestionMarks } from './SuggestionMarks';
import { SuggestionStore, type SuggestionsState } from './SuggestionStore';
import { SuggestMode } from './SuggestMode';

/** The page's suggestions and the passages its editors found. */
export interface PageSuggestions {
  store: SuggestionStore;
  passages: PassageRegistry;
  /** For the response's event stream: pushed suggestions, and each (re)opening of the socket. */
  listeners: { onSuggestion(suggestion: Suggestion): void; onOpen(): void };
}

interface SuggestionsContextValue {
  store: SuggestionStore;
  passages: PassageRegistry;
  userId: string;
  /** The member's seat and the response, for the shared rules. */
  me: Membership;
  response: ResponseDetail;
  responseState: ResponseState;
}

const SuggestionsContext = createContext<SuggestionsContextValue | null>(null);

/** Creates the page's suggestions once and fetches them. */
export function usePageSuggestions(responseId: string): PageSuggestions {
  const [suggestions] = useState<PageSuggestions>(() => {
    const store = new SuggestionStore(responseId);
    return {
      store,
      passages: new PassageRegistry(),
      listeners: {
        onSuggestion: (suggestion) => store.receive(suggestion),
        // Suggestions pushed while the socket was closed (or before it first opened) were missed.
        onOpen: () => void store.load(),
      },
    };
  });
  useEffect(() => {
    void suggestions.store.load();
  }, [suggestions]);
  return suggestions;
}

/** Makes the page's suggestions available to the sections, the list and the Publish panel. */
export function SuggestionsProvider({
  suggestions,
  response,
  userId,
  children,
}: {
  suggestions: PageSuggestions;
  response: ResponseDetail;
  userId: string;
  children: ReactNode;
}) {
  const { store, passages } = suggestions;
  const value = useMemo(
    () => ({ store, passages, userId, me: response.me, response, responseState: response.state }),
    [store, passages, userId, response],
  );
  return <SuggestionsContext.Provider value={value}>{children}</SuggestionsContext.Provider>;
}

/** The page's suggestions, or null outside a SuggestionsProvider. */
export function useSuggestionsContext(): SuggestionsContextValue | null {
  return useContext(SuggestionsContext);
}

const NO_SUGGESTIONS: SuggestionsState = { suggestions: [], status: 'loading', error: null };
const noSubscription = () => () => {};

/** Every suggestion of the response, re-rendering when any changes. */
export function useSuggestionList(): SuggestionsState {
  const store = useContext(SuggestionsContext)?.store;
  return useSyncExternalStore(store?.subscribe ?? noSubscription, store?.getSnapshot ?? (() => NO_SUGGESTIONS));
}

const NO_PASSAGES: ReadonlyMap<string, PassageStatus> = new Map();

/** Where each suggestion's passage is now, by suggestion id. */
export function useSuggestionPassages(): ReadonlyMap<string, PassageStatus> {
  const passages = useContext(SuggestionsContext)?.passages;
  return useSyncExternalStore(passages?.subscribe ?? noSubscription, passages?.getSnapshot ?? (() => NO_PASSAGES));
}

/** A section's suggest mode: whether the member may use it, and the mode itself. */
export interface SectionSuggestMode {
  /** The member may suggest changes to this section now. */
  available: boolean;
  /** Suggest mode is on (and available). */
  suggesting: boolean;
  mode: SuggestMode;
  /** The editor extensions for suggestions (a factory: one set per editor), or none outside a provider. */
  extensions: (() => Extensions) | undefined;
}

/** The suggest mode of one section's editor, and the extensions that draw its suggestions. */
export function useSectionSuggestions(section: Section, stopped: boolean): SectionSuggestMode {
  const context = useContext(SuggestionsContext);
  const [mode] = useState(() => new SuggestMode());
  const on = useSyncExternalStore(mode.subscribe, () => mode.getSnapshot().on);
  const available = Boolean(context && canSuggest(context.me, context.response)) && !stopped;
  useEffect(() => {
    if (!available) mode.setOn(false);
  }, [available, mode]);
  const store = context?.store;
  const passages = context?.passages;
  const sectionId = section.id;
  const extensions = useMemo(
    () =>
      store && passages
        ? () => [SuggestionMarks.configure({ sectionId, store, passages }), SuggestDraft.configure({ sectionId, store, mode })]
        : undefined,
    [store, passages, sectionId, mode],
  );
  return { available, suggesting: available && on, mode, extensions };
}
