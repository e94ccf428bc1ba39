import { responseDeadline } from '../../shared/deadline';
import type {
  Capacity,
  Membership,
  Report,
  ResponseState,
  RoleId,
  Section,
  SectionKind,
  SectionState,
} from '../../shared/model';
import type { Member, StatutorySteps } from '../../shared/api';
import { newId } from './ids';
import type { SqliteDatabase } from './openDatabase';
import { statementCache } from './statementCache';
import type { SignOffStore } from './SignOffStore';

/** A response as stored, without its sections and members. */
export interface ResponseRecord {
  id: string;
  title: string;
  report: Report;
  state: ResponseState;
  deadline: string;
  chiefCommentsDueOn: string | null;
  statutorySteps: StatutorySteps;
  createdAt: string;
}

export interface NewSection {
  kind: SectionKind;
  title: string;
  ownerRole: RoleId;
  recommendation?: string | null;
}

interface ResponseRow {
  id: string;
  title: string;
  report_title: string;
  report_published_on: string;
  report_url: string;
  state: ResponseState;
  chief_comments_due_on: string | null;
  published_at_url: string | null;
  sent_to_hmicfrs_on: string | null;
  sent_to_home_secretary_on: string | null;
  created_at: string;
}

interface SectionRow {
  id: string;
  response_id: string;
  kind: SectionKind;
  title: string;
  owner_role: RoleId;
  state: SectionState;
  recommendation: string | null;
}

interface MemberRow {
  user_id: string;
  name: string;
  email: string;
  role: RoleId;
  capacity: Capacity;
  administrator: number;
}

function toResponse(row: ResponseRow): ResponseRecord {
  return {
    id: row.id,
    title: row.title,
    report: { title: row.report_title, publishedOn: row.report_published_on, url: row.report_url },
    state: row.state,
    deadline: responseDeadline(row.report_published_on),
    chiefCommentsDueOn: row.chief_comments_due_on,
    statutorySteps: {
      publishedAtUrl: row.published_at_url,
      sentToHmicfrsOn: row.sent_to_hmicfrs_on,
      sentToHomeSecretaryOn: row.sent_to_home_secretary_on,
    },
    createdAt: row.created_at,
  };
}

function toMember(row: MemberRow): Member {
  return {
    userId: row.user_id,
    name: row.name,
    email: row.email,
    role: row.role,
    capacity: row.capacity,
    administrator: row.administrator === 1,
  };
}

/** Responses, their sections and their members. */
export class ResponseStore {
  /** Each statement compiled once. */
  private readonly sql: SqliteDatabase['prepare'];

  constructor(
    private readonly db: SqliteDatabase,
    private readonly signOffs: SignOffStore,
  ) {
    this.sql = statementCache(db);
  }

  create(input: { title: string; report: Report }): ResponseRecord {
    const id = newId();
    this.sql(
        `INSERT INTO responses (id, title, report_title, report_published_on, report_url, created_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(id, input.title, input.report.title, input.report.publishedOn, input.report.url, new Date().toISOString());
    return this.get(id)!;
  }

  get(id: string): ResponseRecord | null {
    const row = this.sql<[string], ResponseRow>('SELECT * FROM responses WHERE id = ?').get(id);
    return row ? toResponse(row) : null;
  }

  /** The responses a user is a member of, oldest first. */
  listForUser(userId: string): ResponseRecord[] {
    return this.sql<[string], ResponseRow>(
        `SELECT r.* FROM responses r JOIN members m ON m.response_id = r.id
         WHERE m.user_id = ? ORDER BY r.created_at, r.id`,
      )
      .all(userId)
      .map(toResponse);
  }

  setState(id: string, state: ResponseState): void {
    this.sql('UPDATE responses SET state = ? WHERE id = ?').run(state, id);
  }

  update(id: string, changes: { title?: string; chiefCommentsDueOn?: string | null }): void {
    if (changes.title !== undefined) this.sql('UPDATE responses SET title = ? WHERE id = ?').run(changes.title, id);
    if (changes.chiefCommentsDueOn !== undefined) {
      this.sql('UPDATE responses SET chief_comments_due_on = ? WHERE id = ?').run(changes.chiefCommentsDueOn, id);
    }
  }

  setStatutorySteps(id: string, steps: StatutorySteps): void {
    this.sql(
        `UPDATE responses SET published_at_url = ?, sent_to_hmicfrs_on = ?, sent_to_home_secretary_on = ?
         WHERE id = ?`,
      )
      .run(steps.publishedAtUrl, steps.sentToHmicfrsOn, steps.sentToHomeSecretaryOn, id);
  }

  /** Adds a section at the end, or at `position` (0-based), moving later sections down. */
  addSection(responseId: string, input: NewSection, position?: number): Section {
    const id = newId();
    const end = this.sql<[string], { next: number }>(
        'SELECT COALESCE(MAX(position), -1) + 1 AS next FROM sections WHERE response_id = ?',
      )
      .get(responseId)!.next;
    const at = position === undefined ? end : Math.max(0, Math.min(position, end));
    this.db.transaction(() => {
      this.sql('UPDATE sections SET position = position + 1 WHERE response_id = ? AND position >= ?').run(responseId, at);
      this.sql(
          `INSERT INTO sections (id, response_id, position, kind, title, owner_role, recommendation)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(id, responseId, at, input.kind, input.title, input.ownerRole, input.recommendation ?? null);
    })();
    return this.getSection(responseId, id)!;
  }

  /** The sections of a response in document order. */
  listSections(responseId: string): Section[] {
    return this.sql<[string], SectionRow>('SELECT * FROM sections WHERE response_id = ? ORDER BY position, id')
      .all(responseId)
      .map((row) => this.toSection(row));
  }

  /** A section, only if it belongs to the response. */
  getSection(responseId: string, sectionId: string): Section | null {
    const row = this.sql<[string, string], SectionRow>('SELECT * FROM sections WHERE id = ? AND response_id = ?')
      .get(sectionId, responseId);
    return row ? this.toSection(row) : null;
  }

  updateSection(sectionId: string, changes: { title?: string; ownerRole?: RoleId; recommendation?: string }): void {
    if (changes.title !== undefined) this.sql('UPDATE sections SET title = ? WHERE id = ?').run(changes.title, sectionId);
    if (changes.ownerRole !== undefined) {
      this.sql('UPDATE sections SET owner_role = ? WHERE id = ?').run(changes.ownerRole, sectionId);
    }
    if (changes.recommendation !== undefined) {
      this.sql('UPDATE sections SET recommendation = ? WHERE id = ?').run(changes.recommendation, sectionId);
    }
  }

  /** Removes a section and its stored text. */
  deleteSection(sectionId: string): void {
    this.db.transaction(() => {
      this.sql('DELETE FROM section_updates WHERE section_id = ?').run(sectionId);
      this.sql('DELETE FROM sections WHERE id = ?').run(sectionId);
    })();
  }

  /** Puts a response's sections in the given order (every section id exactly once). */
  reorderSections(responseId: string, sectionIds: string[]): void {
    const move = this.sql('UPDATE sections SET position = ? WHERE id = ? AND response_id = ?');
    this.db.transaction(() => sectionIds.forEach((id, position) => move.run(position, id, responseId)))();
  }

  setSectionState(sectionId: string, state: SectionState): void {
    this.sql('UPDATE sections SET state = ? WHERE id = ?').run(state, sectionId);
  }

  getMembership(responseId: string, userId: string): Membership | null {
    const row = this.sql<[string, string], MemberRow>(
        `SELECT m.user_id, u.name, u.email, m.role, m.capacity, m.administrator
         FROM members m JOIN users u ON u.id = m.user_id WHERE m.response_id = ? AND m.user_id = ?`,
      )
      .get(responseId, userId);
    if (!row) return null;
    const { role, capacity, administrator } = toMember(row);
    return { role, capacity, administrator };
  }

  listMembers(responseId: string): Member[] {
    return this.sql<[string], MemberRow>(
        `SELECT m.user_id, u.name, u.email, m.role, m.capacity, m.administrator
         FROM members m JOIN users u ON u.id = m.user_id WHERE m.response_id = ? ORDER BY u.name`,
      )
      .all(responseId)
      .map(toMember);
  }

  /** Adds a member, or changes the role, capacity and administrator flag of an existing one. */
  setMember(responseId: string, userId: string, membership: Membership): void {
    this.sql(
        `INSERT INTO members (response_id, user_id, role, capacity, administrator) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (response_id, user_id) DO UPDATE
         SET role = excluded.role, capacity = excluded.capacity, administrator = excluded.administrator`,
      )
      .run(responseId, userId, membership.role, membership.capacity, membership.administrator ? 1 : 0);
  }

  removeMember(responseId: string, userId: string): boolean {
    return this.sql('DELETE FROM members WHERE response_id = ? AND user_id = ?').run(responseId, userId).changes > 0;
  }

  private toSection(row: SectionRow): Section {
    return {
      id: row.id,
      kind: row.kind,
      title: row.title,
      ownerRole: row.owner_role,
      state: row.state,
      recommendation: row.recommendation,
      signOff: row.state === 'signed_off' ? this.signOffs.current(row.id) : null,
    };
  }
}
