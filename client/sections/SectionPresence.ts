// Who is in each section now: the members with a caret in its editor, read from the section's
// awareness (the `user` the server stamps on each caret, checked with the shared schema). A
// store of its own, per section, so that carets moving re-render only the contents list entry
// of their section, never the editors.
import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { remoteCaret, type PresenceUser } from '../../shared/presence';

const NOBODY: readonly PresenceUser[] = [];

/** The other members with a caret in an awareness, each once, by name. */
export function visitorsOf(awareness: Awareness): readonly PresenceUser[] {
  const byKey = new Map<string, PresenceUser>();
  for (const [clientId, state] of awareness.getStates()) {
    if (clientId === awareness.clientID) continue;
    // y-tiptap clears the caret when its editor loses focus: a caret means "in it now".
    const caret = remoteCaret(state);
    if (!caret) continue;
    const key = `${caret.user.name}\u0000${caret.user.role ?? ''}`;
    if (!byKey.has(key)) byKey.set(key, caret.user);
  }
  if (byKey.size === 0) return NOBODY;
  return [...byKey.values()].sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
}

function sameVisitors(a: readonly PresenceUser[], b: readonly PresenceUser[]): boolean {
  return a.length === b.length && a.every((user, i) => user.name === b[i]?.name && user.role === b[i]?.role && user.color === b[i]?.color);
}

/** The page's sections and who is in each. */
export class SectionPresence {
  private readonly visitorsBySection = new Map<string, readonly PresenceUser[]>();
  private readonly current = new Map<string, Awareness>();
  private readonly listeners = new Map<string, Set<() => void>>();

  /** Follows a section's awareness until the returned function is called. */
  track(sectionId: string, awareness: Awareness): () => void {
    this.current.set(sectionId, awareness);
    const update = () => {
      if (this.current.get(sectionId) !== awareness) return;
      this.set(sectionId, visitorsOf(awareness));
    };
    awareness.on('change', update);
    update();
    return () => {
      awareness.off('change', update);
      // An editor rebuilt for the same section may already have taken its place.
      if (this.current.get(sectionId) !== awareness) return;
      this.current.delete(sectionId);
      this.set(sectionId, NOBODY);
    };
  }

  /** Who is in a section now (nobody for a section not on the page). */
  visitors(sectionId: string): readonly PresenceUser[] {
    return this.visitorsBySection.get(sectionId) ?? NOBODY;
  }

  /** Calls `listener` whenever who is in the section changes. */
  subscribe(sectionId: string, listener: () => void): () => void {
    let set = this.listeners.get(sectionId);
    if (!set) {
      set = new Set();
      this.listeners.set(sectionId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  private set(sectionId: string, visitors: readonly PresenceUser[]): void {
    if (sameVisitors(this.visitors(sectionId), visitors)) return;
    this.visitorsBySection.set(sectionId, visitors);
    for (const listener of [...(this.listeners.get(sectionId) ?? [])]) listener();
  }
}

/** The response page's section presence. */
export const SectionPresenceContext = createContext<SectionPresence | null>(null);

/** The store a section editor reports its awareness to, if any. */
export function useSectionPresenceStore(): SectionPresence | null {
  return useContext(SectionPresenceContext);
}

/** Who is in a section now, re-rendering only when that changes. */
export function useSectionVisitors(sectionId: string): readonly PresenceUser[] {
  const store = useContext(SectionPresenceContext);
  const subscribe = useCallback((listener: () => void) => store?.subscribe(sectionId, listener) ?? (() => {}), [store, sectionId]);
  return useSyncExternalStore(subscribe, () => store?.visitors(sectionId) ?? NOBODY);
}
