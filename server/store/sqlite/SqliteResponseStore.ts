import type { StatutorySteps } from '../../../shared/api';
import type { Report, ResponseState, RoleId, SectionState } from '../../../shared/model';
import { newId } from '../ids';
import type { NewSection, ResponseRecord, SectionRecord } from '../records';
import type { ResponseStore } from '../ResponseStore';
import { type ResponseRow, type SectionRow, toResponse, toSection } from '../rows/responseRows';
import type { SqliteConnection } from './SqliteConnection';

/** ResponseStore on SQLite (the tables `responses` and `sections`). */
export class SqliteResponseStore implements ResponseStore {
  constructor(private readonly conn: SqliteConnection) {}

  create(input: { title: string; report: Report }): Promise<ResponseRecord> {
    return this.conn.run(() => {
      const id = newId();
      this.conn.sql(
          `INSERT INTO responses (id, title, report_title, report_published_on, report_url, created_at)
           VALUES (?, ?, ?, ?, ?, ?)`,
        )
        .run(id, input.title, input.report.title, input.report.publishedOn, input.report.url, new Date().toISOString());
      return this.row(id)!;
    });
  }

  get(id: string): Promise<ResponseRecord | null> {
    return this.conn.run(() => this.row(id));
  }

  getMany(ids: string[]): Promise<ResponseRecord[]> {
    return this.conn.run(() => {
      if (ids.length === 0) return [];
      return this.conn.sql<string[], ResponseRow>(
          `SELECT * FROM responses WHERE id IN (${ids.map(() => '?').join(',')}) ORDER BY created_at, id`,
        )
        .all(...ids)
        .map(toResponse);
    });
  }

  listInState(state: ResponseState): Promise<ResponseRecord[]> {
    return this.conn.run(() => this.conn.sql<[string], ResponseRow>('SELECT * FROM responses WHERE state = ? ORDER BY created_at, id').all(state).map(toResponse));
  }

  setState(id: string, state: ResponseState): Promise<void> {
    return this.conn.run(() => {
      this.conn.sql('UPDATE responses SET state = ? WHERE id = ?').run(state, id);
    });
  }

  update(id: string, changes: { title?: string; chiefCommentsDueOn?: string | null }): Promise<void> {
    return this.conn.run(() => {
      if (changes.title !== undefined) this.conn.sql('UPDATE responses SET title = ? WHERE id = ?').run(changes.title, id);
      if (changes.chiefCommentsDueOn !== undefined) {
        this.conn.sql('UPDATE responses SET chief_comments_due_on = ? WHERE id = ?').run(changes.chiefCommentsDueOn, id);
      }
    });
  }

  setStatutorySteps(id: string, steps: StatutorySteps): Promise<void> {
    return this.conn.run(() => {
      this.conn.sql(
          `UPDATE responses SET published_at_url = ?, sent_to_hmicfrs_on = ?, sent_to_home_secretary_on = ?
           WHERE id = ?`,
        )
        .run(steps.publishedAtUrl, steps.sentToHmicfrsOn, steps.sentToHomeSecretaryOn, id);
    });
  }

  addSection(responseId: string, input: NewSection, position?: number): Promise<SectionRecord> {
    return this.conn.run(() => {
      const id = newId();
      const end = this.conn.sql<[string], { next: number }>(
          'SELECT COALESCE(MAX(position), -1) + 1 AS next FROM sections WHERE response_id = ?',
        )
        .get(responseId)!.next;
      const at = position === undefined ? end : Math.max(0, Math.min(position, end));
      this.conn.db.transaction(() => {
        this.conn.sql('UPDATE sections SET position = position + 1 WHERE response_id = ? AND position >= ?').run(responseId, at);
        this.conn.sql(
            `INSERT INTO sections (id, response_id, position, kind, title, owner_role, recommendation)
             VALUES (?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(id, responseId, at, input.kind, input.title, input.ownerRole, input.recommendation ?? null);
      })();
      return this.sectionRow(responseId, id)!;
    });
  }

  listSections(responseId: string): Promise<SectionRecord[]> {
    return this.conn.run(() =>
      this.conn.sql<[string], SectionRow>('SELECT * FROM sections WHERE response_id = ? ORDER BY position, id').all(responseId).map(toSection),
    );
  }

  getSection(responseId: string, sectionId: string): Promise<SectionRecord | null> {
    return this.conn.run(() => this.sectionRow(responseId, sectionId));
  }

  updateSection(sectionId: string, changes: { title?: string; ownerRole?: RoleId; recommendation?: string }): Promise<void> {
    return this.conn.run(() => {
      if (changes.title !== undefined) this.conn.sql('UPDATE sections SET title = ? WHERE id = ?').run(changes.title, sectionId);
      if (changes.ownerRole !== undefined) this.conn.sql('UPDATE sections SET owner_role = ? WHERE id = ?').run(changes.ownerRole, sectionId);
      if (changes.recommendation !== undefined) {
        this.conn.sql('UPDATE sections SET recommendation = ? WHERE id = ?').run(changes.recommendation, sectionId);
      }
    });
  }

  deleteSection(sectionId: string): Promise<void> {
    return this.conn.run(() => {
      this.conn.sql('DELETE FROM sections WHERE id = ?').run(sectionId);
    });
  }

  reorderSections(responseId: string, sectionIds: string[]): Promise<void> {
    return this.conn.run(() => {
      const move = this.conn.sql('UPDATE sections SET position = ? WHERE id = ? AND response_id = ?');
      this.conn.db.transaction(() => sectionIds.forEach((id, position) => move.run(position, id, responseId)))();
    });
  }

  setSectionState(sectionId: string, state: SectionState): Promise<void> {
    return this.conn.run(() => {
      this.conn.sql('UPDATE sections SET state = ? WHERE id = ?').run(state, sectionId);
    });
  }

  private row(id: string): ResponseRecord | null {
    const row = this.conn.sql<[string], ResponseRow>('SELECT * FROM responses WHERE id = ?').get(id);
    return row ? toResponse(row) : null;
  }

  private sectionRow(responseId: string, sectionId: string): SectionRecord | null {
    const row = this.conn.sql<[string, string], SectionRow>('SELECT * FROM sections WHERE id = ? AND response_id = ?').get(sectionId, responseId);
    return row ? toSection(row) : null;
  }
}
