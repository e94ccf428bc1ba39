import type { ThreadAnchor, ThreadComment } from '../../shared/api';
import type { SuggestionState } from '../../shared/model';

type Person = { userId: string; name: string; role: string };

/** A suggestion as stored. */
export interface SuggestionRecord {
  id: string;
  responseId: string;
  sectionId: string;
  state: SuggestionState;
  anchor: ThreadAnchor;
  insert: string;
  by: Person;
  createdAt: string;
  decidedBy: Person | null;
  decidedAt: string | null;
  staleReason: string | null;
  comments: ThreadComment[];
}

/** Suggestions and their replies (the tables `suggestions` and `suggestion_comments`). */
export interface SuggestionStore {
  create(input: { responseId: string; sectionId: string; anchor: ThreadAnchor; insert: string; by: Person }): Promise<SuggestionRecord>;
  /** A suggestion, only if it belongs to the response. */
  get(responseId: string, suggestionId: string): Promise<SuggestionRecord | null>;
  /** A response's suggestions, oldest first. */
  list(responseId: string): Promise<SuggestionRecord[]>;
  /** The open suggestions of one section. */
  openIn(sectionId: string): Promise<SuggestionRecord[]>;
  /**
   * Moves a suggestion from one of the states `from` to accepted, rejected or stale; false when it
   * was in none of them any more (two decisions racing: the first wins).
   */
  decide(
    suggestionId: string,
    change: { state: Exclude<SuggestionState, 'open'>; by: Person | null; at: string; staleReason?: string },
    from: SuggestionState[],
  ): Promise<boolean>;
  addComment(suggestionId: string, author: { userId: string; name: string }, body: string): Promise<ThreadComment>;
  /** Removes a section's suggestions (the section was removed). */
  deleteSection(sectionId: string): Promise<void>;
}
