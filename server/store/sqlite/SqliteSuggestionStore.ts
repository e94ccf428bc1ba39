import type { ThreadAnchor, ThreadComment } from '../../../shared/api';
import type { SuggestionState } from '../../../shared/model';
import { newId } from '../ids';
import type { SuggestionRecord, SuggestionStore } from '../SuggestionStore';
import { type CommentRow, type SuggestionRow, toSuggestion } from '../rows/suggestionRows';
import type { SqliteConnection } from './SqliteConnection';

/** SuggestionStore on SQLite. */
export class SqliteSuggestionStore implements SuggestionStore {
  constructor(private readonly conn: SqliteConnection) {}

  create(input: { responseId: string; sectionId: string; anchor: ThreadAnchor; insert: string; by: { userId: string; name: string; role: string } }): Promise<SuggestionRecord> {
    return this.conn.run(() => {
      const id = newId();
      this.conn.sql(
          `INSERT INTO suggestions (id, response_id, section_id, state, anchor_json, insert_text, by_id, by_name, by_role, created_at)
           VALUES (?, ?, ?, 'open', ?, ?, ?, ?, ?, ?)`,
        )
        .run(id, input.responseId, input.sectionId, JSON.stringify(input.anchor), input.insert, input.by.userId, input.by.name, input.by.role, new Date().toISOString());
      return this.read(input.responseId, id)!;
    });
  }

  get(responseId: string, suggestionId: string): Promise<SuggestionRecord | null> {
    return this.conn.run(() => this.read(responseId, suggestionId));
  }

  list(responseId: string): Promise<SuggestionRecord[]> {
    return this.conn.run(() => this.withComments(this.conn.sql<[string], SuggestionRow>('SELECT * FROM suggestions WHERE response_id = ? ORDER BY created_at, id').all(responseId)));
  }

  openIn(sectionId: string): Promise<SuggestionRecord[]> {
    return this.conn.run(() =>
      this.withComments(this.conn.sql<[string], SuggestionRow>("SELECT * FROM suggestions WHERE section_id = ? AND state = 'open' ORDER BY created_at, id").all(sectionId)),
    );
  }

  decide(
    suggestionId: string,
    change: { state: Exclude<SuggestionState, 'open'>; by: { userId: string; name: string; role: string } | null; at: string; staleReason?: string },
    from: SuggestionState[],
  ): Promise<boolean> {
    return this.conn.run(
      () =>
        this.conn
          .sql(
            `UPDATE suggestions SET state = ?, decided_by = ?, decided_by_name = ?, decided_by_role = ?, decided_at = ?, stale_reason = COALESCE(?, stale_reason)
             WHERE id = ? AND state IN (${from.map(() => '?').join(',')})`,
          )
          .run(change.state, change.by?.userId ?? null, change.by?.name ?? null, change.by?.role ?? null, change.at, change.staleReason ?? null, suggestionId, ...from).changes === 1,
    );
  }

  addComment(suggestionId: string, author: { userId: string; name: string }, body: string): Promise<ThreadComment> {
    return this.conn.run(() => {
      const id = newId();
      const at = new Date().toISOString();
      this.conn.sql('INSERT INTO suggestion_comments (id, suggestion_id, author_id, author_name, body, created_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(id, suggestionId, author.userId, author.name, body, at);
      return { id, author, body, createdAt: at, editedAt: null, deleted: false };
    });
  }

  deleteSection(sectionId: string): Promise<void> {
    return this.conn.run(() => {
      this.conn.db.transaction(() => {
        this.conn.sql('DELETE FROM suggestion_comments WHERE suggestion_id IN (SELECT id FROM suggestions WHERE section_id = ?)').run(sectionId);
        this.conn.sql('DELETE FROM suggestions WHERE section_id = ?').run(sectionId);
      })();
    });
  }

  private read(responseId: string, suggestionId: string): SuggestionRecord | null {
    const row = this.conn.sql<[string, string], SuggestionRow>('SELECT * FROM suggestions WHERE id = ? AND response_id = ?').get(suggestionId, responseId);
    return row ? this.withComments([row])[0]! : null;
  }

  private withComments(rows: SuggestionRow[]): SuggestionRecord[] {
    if (rows.length === 0) return [];
    const comments = this.conn
      .sql<string[], CommentRow>(`SELECT * FROM suggestion_comments WHERE suggestion_id IN (${rows.map(() => '?').join(',')}) ORDER BY created_at, id`)
      .all(...rows.map((row) => row.id));
    return rows.map((row) => toSuggestion(row, comments.filter((comment) => comment.suggestion_id === row.id)));
  }
}
