// Rows of threads and thread_comments as both databases return them, and their records.
import type { Thread, ThreadAnchor, ThreadComment } from '../../../shared/api';

/** A row of threads. */
export interface ThreadRow {
  id: string;
  response_id: string;
  section_id: string;
  anchor_json: string | null;
  state: 'open' | 'resolved';
  created_by: string;
  created_by_name: string;
  created_at: string;
  resolved_by: string | null;
  resolved_by_name: string | null;
  resolved_at: string | null;
}

/** A row of thread_comments. */
export interface CommentRow {
  id: string;
  thread_id: string;
  author_id: string;
  author_name: string;
  body: string;
  created_at: string;
  edited_at: string | null;
  deleted_at: string | null;
}

/** The comment; a deleted one keeps its place but not its body. */
export function toComment(row: CommentRow): ThreadComment {
  return {
    id: row.id,
    author: { userId: row.author_id, name: row.author_name },
    body: row.deleted_at ? '' : row.body,
    createdAt: row.created_at,
    editedAt: row.edited_at,
    deleted: row.deleted_at !== null,
  };
}

/** The thread, given its comments (already its own, oldest first). */
export function toThread(row: ThreadRow, comments: ThreadComment[]): Thread {
  return {
    id: row.id,
    sectionId: row.section_id,
    anchor: row.anchor_json ? (JSON.parse(row.anchor_json) as ThreadAnchor) : null,
    state: row.state,
    createdBy: { userId: row.created_by, name: row.created_by_name },
    createdAt: row.created_at,
    resolvedBy: row.resolved_by ? { userId: row.resolved_by, name: row.resolved_by_name ?? '' } : null,
    resolvedAt: row.resolved_at,
    comments,
  };
}
