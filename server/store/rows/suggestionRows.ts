// Rows of suggestions and suggestion_comments as both databases return them, and their records.
import type { ThreadAnchor, ThreadComment } from '../../../shared/api';
import type { SuggestionState } from '../../../shared/model';
import type { SuggestionRecord } from '../SuggestionStore';

/** A row of suggestions. */
export interface SuggestionRow {
  id: string;
  response_id: string;
  section_id: string;
  state: SuggestionState;
  anchor_json: string;
  insert_text: string;
  by_id: string;
  by_name: string;
  by_role: string;
  created_at: string;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_by_role: string | null;
  decided_at: string | null;
  stale_reason: string | null;
}

/** A row of suggestion_comments. */
export interface CommentRow {
  id: string;
  suggestion_id: string;
  author_id: string;
  author_name: string;
  body: string;
  created_at: string;
}

/** A suggestion's comments are never edited or deleted, so those fields are fixed. */
function toSuggestionComment(row: CommentRow): ThreadComment {
  return { id: row.id, author: { userId: row.author_id, name: row.author_name }, body: row.body, createdAt: row.created_at, editedAt: null, deleted: false };
}

/** The record of a suggestion, given its comments (already its own, oldest first). */
export function toSuggestion(row: SuggestionRow, comments: CommentRow[]): SuggestionRecord {
  return {
    id: row.id,
    responseId: row.response_id,
    sectionId: row.section_id,
    state: row.state,
    anchor: JSON.parse(row.anchor_json) as ThreadAnchor,
    insert: row.insert_text,
    by: { userId: row.by_id, name: row.by_name, role: row.by_role },
    createdAt: row.created_at,
    decidedBy: row.decided_by ? { userId: row.decided_by, name: row.decided_by_name ?? '', role: row.decided_by_role ?? '' } : null,
    decidedAt: row.decided_at,
    staleReason: row.stale_reason,
    comments: comments.map(toSuggestionComment),
  };
}
