import type { ThreadAnchor, ThreadComment } from '../../../shared/api';
import type { SuggestionState } from '../../../shared/model';
import { newId } from '../ids';
import type { SuggestionRecord, SuggestionStore } from '../SuggestionStore';
import { type CommentRow, type SuggestionRow, toSuggestion } from '../rows/suggestionRows';
import type { Sql } from './PgConnection';

type Person = { userId: string; name: string; role: string };

/** SuggestionStore on PostgreSQL (the tables `suggestions` and `suggestion_comments`). */
export class PgSuggestionStore implements SuggestionStore {
  constructor(private readonly sql: Sql) {}

  async create(input: { responseId: string; sectionId: string; anchor: ThreadAnchor; insert: string; by: Person }): Promise<SuggestionRecord> {
    const id = newId();
    await this.sql.query(
      `INSERT INTO suggestions (id, response_id, section_id, state, anchor_json, insert_text, by_id, by_name, by_role, created_at)
       VALUES ($1, $2, $3, 'open', $4, $5, $6, $7, $8, $9)`,
      [id, input.responseId, input.sectionId, JSON.stringify(input.anchor), input.insert, input.by.userId, input.by.name, input.by.role, new Date().toISOString()],
    );
    return (await this.get(input.responseId, id))!;
  }

  async get(responseId: string, suggestionId: string): Promise<SuggestionRecord | null> {
    const { rows } = await this.sql.query<SuggestionRow>('SELECT * FROM suggestions WHERE id = $1 AND response_id = $2', [suggestionId, responseId]);
    return (await this.withComments(rows))[0] ?? null;
  }

  async list(responseId: string): Promise<SuggestionRecord[]> {
    const { rows } = await this.sql.query<SuggestionRow>('SELECT * FROM suggestions WHERE response_id = $1 ORDER BY created_at, id', [responseId]);
    return this.withComments(rows);
  }

  async openIn(sectionId: string): Promise<SuggestionRecord[]> {
    const { rows } = await this.sql.query<SuggestionRow>("SELECT * FROM suggestions WHERE section_id = $1 AND state = 'open' ORDER BY created_at, id", [sectionId]);
    return this.withComments(rows);
  }

  async decide(
    suggestionId: string,
    change: { state: Exclude<SuggestionState, 'open'>; by: Person | null; at: string; staleReason?: string },
    from: SuggestionState[],
  ): Promise<boolean> {
    const result = await this.sql.query(
      `UPDATE suggestions SET state = $1, decided_by = $2, decided_by_name = $3, decided_by_role = $4, decided_at = $5, stale_reason = COALESCE($6, stale_reason)
       WHERE id = $7 AND state = ANY($8::text[])`,
      [change.state, change.by?.userId ?? null, change.by?.name ?? null, change.by?.role ?? null, change.at, change.staleReason ?? null, suggestionId, from],
    );
    return result.rowCount === 1;
  }

  async addComment(suggestionId: string, author: { userId: string; name: string }, body: string): Promise<ThreadComment> {
    const id = newId();
    const at = new Date().toISOString();
    await this.sql.query('INSERT INTO suggestion_comments (id, suggestion_id, author_id, author_name, body, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
      id,
      suggestionId,
      author.userId,
      author.name,
      body,
      at,
    ]);
    return { id, author, body, createdAt: at, editedAt: null, deleted: false };
  }

  async deleteSection(sectionId: string): Promise<void> {
    // The comments go with their suggestions (ON DELETE CASCADE).
    await this.sql.query('DELETE FROM suggestions WHERE section_id = $1', [sectionId]);
  }

  private async withComments(rows: SuggestionRow[]): Promise<SuggestionRecord[]> {
    if (rows.length === 0) return [];
    const comments = (
      await this.sql.query<CommentRow>('SELECT * FROM suggestion_comments WHERE suggestion_id = ANY($1::text[]) ORDER BY created_at, id', [rows.map((row) => row.id)])
    ).rows;
    return rows.map((row) => toSuggestion(row, comments.filter((comment) => comment.suggestion_id === row.id)));
  }
}
