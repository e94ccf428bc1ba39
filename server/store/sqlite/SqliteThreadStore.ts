import type { Thread, ThreadAnchor, ThreadComment } from '../../../shared/api';
import { newId } from '../ids';
import type { ThreadStore } from '../ThreadStore';
import { type ThreadRow, type CommentRow, toComment, toThread } from '../rows/threadRows';
import type { SqliteConnection } from './SqliteConnection';

type Person = { userId: string; name: string };

/** ThreadStore on SQLite (the tables `threads` and `thread_comments`). */
export class SqliteThreadStore implements ThreadStore {
  constructor(private readonly conn: SqliteConnection) {}

  private get sql(): SqliteConnection['sql'] {
    return this.conn.sql;
  }

  create(input: { responseId: string; sectionId: string; anchor: ThreadAnchor | null; author: Person; body: string }): Promise<Thread> {
    return this.conn.run(() => {
      const id = newId();
      const at = new Date().toISOString();
      this.conn.db.transaction(() => {
        this.sql(
            `INSERT INTO threads (id, response_id, section_id, anchor_json, created_by, created_by_name, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(id, input.responseId, input.sectionId, input.anchor ? JSON.stringify(input.anchor) : null, input.author.userId, input.author.name, at);
        this.insertComment(id, input.author, input.body, at);
      })();
      return this.thread(input.responseId, id)!;
    });
  }

  get(responseId: string, threadId: string): Promise<Thread | null> {
    return this.conn.run(() => this.thread(responseId, threadId));
  }

  list(responseId: string): Promise<Thread[]> {
    return this.conn.run(() => {
      const rows = this.sql<[string], ThreadRow>('SELECT * FROM threads WHERE response_id = ? ORDER BY created_at, id')
        .all(responseId);
      const comments = this.commentsOf(rows.map((row) => row.id));
      return rows.map((row) => toThread(row, comments.get(row.id) ?? []));
    });
  }

  countOpen(responseId: string): Promise<number> {
    return this.conn.run(
      () => this.sql<[string], { n: number }>("SELECT COUNT(*) AS n FROM threads WHERE response_id = ? AND state = 'open'").get(responseId)!.n,
    );
  }

  addComment(threadId: string, author: Person, body: string): Promise<ThreadComment> {
    return this.conn.run(() => this.insertComment(threadId, author, body, new Date().toISOString()));
  }

  getComment(threadId: string, commentId: string): Promise<ThreadComment | null> {
    return this.conn.run(() => {
      const row = this.sql<[string, string], CommentRow>('SELECT * FROM thread_comments WHERE id = ? AND thread_id = ?')
        .get(commentId, threadId);
      return row ? toComment(row) : null;
    });
  }

  editComment(commentId: string, body: string): Promise<void> {
    return this.conn.run(() => {
      this.sql('UPDATE thread_comments SET body = ?, edited_at = ? WHERE id = ?').run(body, new Date().toISOString(), commentId);
    });
  }

  deleteComment(commentId: string): Promise<void> {
    return this.conn.run(() => {
      this.sql("UPDATE thread_comments SET body = '', deleted_at = ? WHERE id = ?").run(new Date().toISOString(), commentId);
    });
  }

  setState(threadId: string, state: 'open' | 'resolved', by: Person): Promise<void> {
    return this.conn.run(() => {
      if (state === 'resolved') {
        this.sql("UPDATE threads SET state = 'resolved', resolved_by = ?, resolved_by_name = ?, resolved_at = ? WHERE id = ?")
          .run(by.userId, by.name, new Date().toISOString(), threadId);
      } else {
        this.sql("UPDATE threads SET state = 'open', resolved_by = NULL, resolved_by_name = NULL, resolved_at = NULL WHERE id = ?")
          .run(threadId);
      }
    });
  }

  private thread(responseId: string, threadId: string): Thread | null {
    const row = this.sql<[string, string], ThreadRow>('SELECT * FROM threads WHERE id = ? AND response_id = ?').get(threadId, responseId);
    return row ? toThread(row, this.commentsOf([row.id]).get(row.id) ?? []) : null;
  }

  private insertComment(threadId: string, author: Person, body: string, at: string): ThreadComment {
    const id = newId();
    this.sql('INSERT INTO thread_comments (id, thread_id, author_id, author_name, body, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(id, threadId, author.userId, author.name, body, at);
    return { id, author, body, createdAt: at, editedAt: null, deleted: false };
  }

  private commentsOf(threadIds: string[]): Map<string, ThreadComment[]> {
    const byThread = new Map<string, ThreadComment[]>();
    if (threadIds.length === 0) return byThread;
    const rows = this.sql<string[], CommentRow>(
        `SELECT * FROM thread_comments WHERE thread_id IN (${threadIds.map(() => '?').join(',')}) ORDER BY created_at, id`,
      )
      .all(...threadIds);
    for (const row of rows) {
      const list = byThread.get(row.thread_id) ?? [];
      list.push(toComment(row));
      byThread.set(row.thread_id, list);
    }
    return byThread;
  }
}
