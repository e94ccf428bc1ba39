import type { Thread, ThreadAnchor, ThreadComment } from '../../../shared/api';
import { newId } from '../ids';
import type { ThreadStore } from '../ThreadStore';
import { type ThreadRow, type CommentRow, toComment, toThread } from '../rows/threadRows';
import type { Sql } from './PgConnection';

type Person = { userId: string; name: string };

/** ThreadStore on PostgreSQL (the tables `threads` and `thread_comments`). */
export class PgThreadStore implements ThreadStore {
  constructor(private readonly sql: Sql) {}

  async create(input: { responseId: string; sectionId: string; anchor: ThreadAnchor | null; author: Person; body: string }): Promise<Thread> {
    const id = newId();
    const at = new Date().toISOString();
    await this.sql.atomically(async (sql) => {
      await sql.query(
        `INSERT INTO threads (id, response_id, section_id, anchor_json, created_by, created_by_name, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [id, input.responseId, input.sectionId, input.anchor ? JSON.stringify(input.anchor) : null, input.author.userId, input.author.name, at],
      );
      await insertComment(sql, id, input.author, input.body, at);
    });
    return (await this.thread(input.responseId, id))!;
  }

  get(responseId: string, threadId: string): Promise<Thread | null> {
    return this.thread(responseId, threadId);
  }

  async list(responseId: string): Promise<Thread[]> {
    const { rows } = await this.sql.query<ThreadRow>('SELECT * FROM threads WHERE response_id = $1 ORDER BY created_at, id', [responseId]);
    const comments = await this.commentsOf(rows.map((row) => row.id));
    return rows.map((row) => toThread(row, comments.get(row.id) ?? []));
  }

  async countOpen(responseId: string): Promise<number> {
    return (await this.sql.query<{ n: number }>("SELECT COUNT(*) AS n FROM threads WHERE response_id = $1 AND state = 'open'", [responseId])).rows[0]!.n;
  }

  addComment(threadId: string, author: Person, body: string): Promise<ThreadComment> {
    return insertComment(this.sql, threadId, author, body, new Date().toISOString());
  }

  async getComment(threadId: string, commentId: string): Promise<ThreadComment | null> {
    const row = (await this.sql.query<CommentRow>('SELECT * FROM thread_comments WHERE id = $1 AND thread_id = $2', [commentId, threadId])).rows[0];
    return row ? toComment(row) : null;
  }

  async editComment(commentId: string, body: string): Promise<void> {
    await this.sql.query('UPDATE thread_comments SET body = $1, edited_at = $2 WHERE id = $3', [body, new Date().toISOString(), commentId]);
  }

  async deleteComment(commentId: string): Promise<void> {
    await this.sql.query("UPDATE thread_comments SET body = '', deleted_at = $1 WHERE id = $2", [new Date().toISOString(), commentId]);
  }

  async setState(threadId: string, state: 'open' | 'resolved', by: Person): Promise<void> {
    if (state === 'resolved') {
      await this.sql.query("UPDATE threads SET state = 'resolved', resolved_by = $1, resolved_by_name = $2, resolved_at = $3 WHERE id = $4", [
        by.userId,
        by.name,
        new Date().toISOString(),
        threadId,
      ]);
    } else {
      await this.sql.query("UPDATE threads SET state = 'open', resolved_by = NULL, resolved_by_name = NULL, resolved_at = NULL WHERE id = $1", [threadId]);
    }
  }

  private async thread(responseId: string, threadId: string): Promise<Thread | null> {
    const row = (await this.sql.query<ThreadRow>('SELECT * FROM threads WHERE id = $1 AND response_id = $2', [threadId, responseId])).rows[0];
    return row ? toThread(row, (await this.commentsOf([row.id])).get(row.id) ?? []) : null;
  }

  private async commentsOf(threadIds: string[]): Promise<Map<string, ThreadComment[]>> {
    const byThread = new Map<string, ThreadComment[]>();
    if (threadIds.length === 0) return byThread;
    const { rows } = await this.sql.query<CommentRow>('SELECT * FROM thread_comments WHERE thread_id = ANY($1::text[]) ORDER BY created_at, id', [threadIds]);
    for (const row of rows) {
      const list = byThread.get(row.thread_id) ?? [];
      list.push(toComment(row));
      byThread.set(row.thread_id, list);
    }
    return byThread;
  }
}

async function insertComment(sql: Sql, threadId: string, author: Person, body: string, at: string): Promise<ThreadComment> {
  const id = newId();
  await sql.query('INSERT INTO thread_comments (id, thread_id, author_id, author_name, body, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
    id,
    threadId,
    author.userId,
    author.name,
    body,
    at,
  ]);
  return { id, author, body, createdAt: at, editedAt: null, deleted: false };
}
