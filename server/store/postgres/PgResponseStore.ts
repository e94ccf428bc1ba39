import type { StatutorySteps } from '../../../shared/api';
import type { Report, ResponseState, RoleId, SectionState } from '../../../shared/model';
import { newId } from '../ids';
import type { NewSection, ResponseRecord, SectionRecord } from '../records';
import type { ResponseStore } from '../ResponseStore';
import { type ResponseRow, type SectionRow, toResponse, toSection } from '../rows/responseRows';
import type { Sql } from './PgConnection';

const SECTION_COLUMNS = 'id, kind, title, owner_role, state, recommendation';

/** ResponseStore on PostgreSQL (the tables `responses` and `sections`). */
export class PgResponseStore implements ResponseStore {
  constructor(private readonly sql: Sql) {}

  async create(input: { title: string; report: Report }): Promise<ResponseRecord> {
    const { rows } = await this.sql.query<ResponseRow>(
      `INSERT INTO responses (id, title, report_title, report_published_on, report_url, created_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [newId(), input.title, input.report.title, input.report.publishedOn, input.report.url, new Date().toISOString()],
    );
    return toResponse(rows[0]!);
  }

  async get(id: string): Promise<ResponseRecord | null> {
    const row = (await this.sql.query<ResponseRow>('SELECT * FROM responses WHERE id = $1', [id])).rows[0];
    return row ? toResponse(row) : null;
  }

  async getMany(ids: string[]): Promise<ResponseRecord[]> {
    if (ids.length === 0) return [];
    const { rows } = await this.sql.query<ResponseRow>('SELECT * FROM responses WHERE id = ANY($1::text[]) ORDER BY created_at, id', [ids]);
    return rows.map(toResponse);
  }

  async listInState(state: ResponseState): Promise<ResponseRecord[]> {
    const { rows } = await this.sql.query<ResponseRow>('SELECT * FROM responses WHERE state = $1 ORDER BY created_at, id', [state]);
    return rows.map(toResponse);
  }

  async setState(id: string, state: ResponseState): Promise<void> {
    await this.sql.query('UPDATE responses SET state = $1 WHERE id = $2', [state, id]);
  }

  async update(id: string, changes: { title?: string; chiefCommentsDueOn?: string | null }): Promise<void> {
    if (changes.title !== undefined) await this.sql.query('UPDATE responses SET title = $1 WHERE id = $2', [changes.title, id]);
    if (changes.chiefCommentsDueOn !== undefined) {
      await this.sql.query('UPDATE responses SET chief_comments_due_on = $1 WHERE id = $2', [changes.chiefCommentsDueOn, id]);
    }
  }

  async setStatutorySteps(id: string, steps: StatutorySteps): Promise<void> {
    await this.sql.query('UPDATE responses SET published_at_url = $1, sent_to_hmicfrs_on = $2, sent_to_home_secretary_on = $3 WHERE id = $4', [
      steps.publishedAtUrl,
      steps.sentToHmicfrsOn,
      steps.sentToHomeSecretaryOn,
      id,
    ]);
  }

  async addSection(responseId: string, input: NewSection, position?: number): Promise<SectionRecord> {
    return this.sql.atomically(async (sql) => {
      const end = (await sql.query<{ next: number }>('SELECT COALESCE(MAX(position), -1) + 1 AS next FROM sections WHERE response_id = $1', [responseId])).rows[0]!
        .next;
      const at = position === undefined ? end : Math.max(0, Math.min(position, end));
      await sql.query('UPDATE sections SET position = position + 1 WHERE response_id = $1 AND position >= $2', [responseId, at]);
      const { rows } = await sql.query<SectionRow>(
        `INSERT INTO sections (id, response_id, position, kind, title, owner_role, recommendation)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${SECTION_COLUMNS}`,
        [newId(), responseId, at, input.kind, input.title, input.ownerRole, input.recommendation ?? null],
      );
      return toSection(rows[0]!);
    });
  }

  async listSections(responseId: string): Promise<SectionRecord[]> {
    const { rows } = await this.sql.query<SectionRow>(`SELECT ${SECTION_COLUMNS} FROM sections WHERE response_id = $1 ORDER BY position, id`, [responseId]);
    return rows.map(toSection);
  }

  async getSection(responseId: string, sectionId: string): Promise<SectionRecord | null> {
    const row = (await this.sql.query<SectionRow>(`SELECT ${SECTION_COLUMNS} FROM sections WHERE id = $1 AND response_id = $2`, [sectionId, responseId])).rows[0];
    return row ? toSection(row) : null;
  }

  async updateSection(sectionId: string, changes: { title?: string; ownerRole?: RoleId; recommendation?: string }): Promise<void> {
    await this.sql.query(
      `UPDATE sections SET title = COALESCE($2, title), owner_role = COALESCE($3, owner_role), recommendation = COALESCE($4, recommendation)
       WHERE id = $1`,
      [sectionId, changes.title ?? null, changes.ownerRole ?? null, changes.recommendation ?? null],
    );
  }

  async deleteSection(sectionId: string): Promise<void> {
    await this.sql.query('DELETE FROM sections WHERE id = $1', [sectionId]);
  }

  async reorderSections(responseId: string, sectionIds: string[]): Promise<void> {
    // Every position in one statement: never two sections at one position for a reader.
    await this.sql.query(
      `UPDATE sections SET position = o.position - 1
       FROM unnest($2::text[]) WITH ORDINALITY AS o(id, position)
       WHERE sections.id = o.id AND sections.response_id = $1`,
      [responseId, sectionIds],
    );
  }

  async setSectionState(sectionId: string, state: SectionState): Promise<void> {
    await this.sql.query('UPDATE sections SET state = $1 WHERE id = $2', [state, sectionId]);
  }
}
