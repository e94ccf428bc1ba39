import type { Thread, ThreadAnchor, ThreadComment } from '../../shared/api';

type Person = { userId: string; name: string };

/** Comment threads and their comments. Authors and times are set here, from the session. */
export interface ThreadStore {
  create(input: { responseId: string; sectionId: string; anchor: ThreadAnchor | null; author: Person; body: string }): Promise<Thread>;
  /** A thread, only if it belongs to the response. */
  get(responseId: string, threadId: string): Promise<Thread | null>;
  list(responseId: string): Promise<Thread[]>;
  countOpen(responseId: string): Promise<number>;
  addComment(threadId: string, author: Person, body: string): Promise<ThreadComment>;
  getComment(threadId: string, commentId: string): Promise<ThreadComment | null>;
  editComment(commentId: string, body: string): Promise<void>;
  deleteComment(commentId: string): Promise<void>;
  setState(threadId: string, state: 'open' | 'resolved', by: Person): Promise<void>;
}
