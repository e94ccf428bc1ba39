// Suggestions go stale when their passage changes under them: after each change to a section,
// its open suggestions are checked against the document, and those whose text is no longer
// what was suggested against are marked stale (and pushed to open pages).
import type { Suggestion } from '../../shared/api';
import { log } from '../log';
import type { Stores } from '../store/Store';
import type { SuggestionRecord } from '../store/SuggestionStore';
import type { EventHub } from '../sync/EventHub';
import type { Room } from '../sync/Room';
import type { RoomHooks } from '../sync/RoomOptions';
import { findPassage } from './passage';

/** A suggestion as the API shows it. */
export function suggestionView(record: SuggestionRecord): Suggestion {
  const { responseId: _, ...view } = record;
  return view;
}

export class SuggestionWatch {
  /** The open suggestions of sections whose rooms are loaded. */
  private readonly open = new Map<string, SuggestionRecord[]>();
  /** Suggestions being accepted: their own change must not make them stale. */
  private readonly held = new Set<string>();

  constructor(private readonly context: { store: Stores; events: EventHub }) {}

  readonly hooks: Pick<RoomHooks, 'afterChange' | 'onUnload'> = {
    afterChange: (room) => this.check(room),
    onUnload: (room) => {
      this.open.delete(room.sectionId);
    },
  };

  /** Forgets what is known of a section's open suggestions (one was made or decided). */
  forget(sectionId: string): void {
    this.open.delete(sectionId);
  }

  /** Runs `work` (accepting a suggestion) without checking that suggestion meanwhile. */
  async holding<T>(suggestionId: string, work: () => Promise<T>): Promise<T> {
    this.held.add(suggestionId);
    try {
      return await work();
    } finally {
      this.held.delete(suggestionId);
    }
  }

  private async check(room: Room): Promise<void> {
    let open = this.open.get(room.sectionId);
    if (!open) {
      open = await this.context.store.suggestions.openIn(room.sectionId);
      this.open.set(room.sectionId, open);
    }
    const still: SuggestionRecord[] = [];
    for (const suggestion of open) {
      if (this.held.has(suggestion.id)) {
        still.push(suggestion);
        continue;
      }
      const passage = findPassage(room.doc, suggestion.anchor);
      const reason =
        passage.status === 'gone' ? passage.reason : passage.current !== suggestion.anchor.quote ? 'The passage was changed after the suggestion was made' : null;
      if (!reason) {
        still.push(suggestion);
        continue;
      }
      await this.markStale(suggestion, reason);
    }
    this.open.set(room.sectionId, still);
  }

  private async markStale(suggestion: SuggestionRecord, reason: string): Promise<void> {
    try {
      if (!(await this.context.store.suggestions.decide(suggestion.id, { state: 'stale', by: null, at: new Date().toISOString(), staleReason: reason }, ['open']))) return;
      const updated = await this.context.store.suggestions.get(suggestion.responseId, suggestion.id);
      if (updated) this.context.events.publish(suggestion.responseId, { type: 'suggestion', suggestion: suggestionView(updated) });
    } catch (error) {
      log.error('suggestions.stale_failed', { suggestionId: suggestion.id, error: String(error) });
    }
  }
}
