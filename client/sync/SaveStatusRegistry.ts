// The response page's overall save status: the sum of its sections' trackers.
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { SaveState, SaveTracker } from './SaveTracker';

/** What the page's status banner shows. */
export interface SaveSummary {
  /**
   * Sections whose socket is not open (excluding those stopped for good), counting one that has
   * never synced only once an attempt to connect has failed.
   */
  offline: number;
  /** Sections that have not yet received the server's state at least once. */
  loading: number;
  /** Sections whose connection the server ended for good (4401, 4403). */
  stopped: number;
  /** Local changes not yet stored, all sections together, in Yjs transactions (about one a keystroke). */
  unsaved: number;
  /** Sections with local changes not yet stored: the count the page shows people. */
  unsavedSections: number;
  /** Sections restored from this browser's copy that the server has not yet compared. */
  uncounted: number;
  /** Sections whose restored content is counted but not yet acknowledged (see RestoredState). */
  unconfirmed: number;
}

const EMPTY: SaveSummary = { offline: 0, loading: 0, stopped: 0, unsaved: 0, unsavedSections: 0, uncounted: 0, unconfirmed: 0 };

/** Collects the save state of every section on a page. */
export class SaveStatusRegistry {
  private readonly states = new Map<string, { state: SaveState; everSynced: boolean }>();
  private readonly trackers = new Map<string, SaveTracker>();
  private readonly listeners = new Set<() => void>();
  private summary: SaveSummary = EMPTY;

  /** Follows a section's tracker until the returned function is called. */
  track(key: string, tracker: SaveTracker): () => void {
    const update = () => {
      const state = tracker.getSnapshot();
      const everSynced = (this.states.get(key)?.everSynced ?? false) || state.synced;
      this.states.set(key, { state, everSynced });
      this.changed();
    };
    update();
    this.trackers.set(key, tracker);
    const unsubscribe = tracker.subscribe(update);
    return () => {
      unsubscribe();
      if (this.trackers.get(key) === tracker) this.trackers.delete(key);
      this.states.delete(key);
      this.changed();
    };
  }

  /** The tracker of a section shown on the page, if any. */
  tracker(key: string): SaveTracker | undefined {
    return this.trackers.get(key);
  }

  getSnapshot = (): SaveSummary => this.summary;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private changed(): void {
    let offline = 0;
    let loading = 0;
    let stopped = 0;
    let unsaved = 0;
    let unsavedSections = 0;
    let uncounted = 0;
    let unconfirmed = 0;
    for (const { state, everSynced } of this.states.values()) {
      unsaved += state.unsaved;
      if (state.unsaved > 0) unsavedSections += 1;
      if (state.restored === 'uncounted') uncounted += 1;
      else if (state.restored === 'unconfirmed') unconfirmed += 1;
      if (state.stoppedCode !== null) stopped += 1;
      // Never synced: still loading until an attempt fails (offline since the page loaded).
      else if (!state.connected && (everSynced || state.lostContact)) offline += 1;
      else if (!everSynced) loading += 1;
    }
    const next: SaveSummary = { offline, loading, stopped, unsaved, unsavedSections, uncounted, unconfirmed };
    const prev = this.summary;
    if ((Object.keys(next) as Array<keyof SaveSummary>).every((key) => prev[key] === next[key])) return;
    this.summary = next;
    for (const listener of [...this.listeners]) listener();
  }
}

/** The registry of the response page being shown. */
export const SaveStatusContext = createContext<SaveStatusRegistry | null>(null);

/** The page's save summary, re-rendering when it changes. */
export function useSaveSummary(registry: SaveStatusRegistry): SaveSummary {
  return useSyncExternalStore(registry.subscribe, registry.getSnapshot);
}

/** The registry a section reports to. */
export function useSaveStatusRegistry(): SaveStatusRegistry | null {
  return useContext(SaveStatusContext);
}
