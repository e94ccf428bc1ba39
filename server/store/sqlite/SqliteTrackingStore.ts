import type { HmicfrsView, RecommendationStatus } from '../../../shared/tracking';
import type { Carryover, NewRecommendationUpdate, RecommendationUpdateRecord, TrackingStore } from '../TrackingStore';
import type { SqliteConnection } from './SqliteConnection';

interface UpdateRow {
  id: number;
  response_id: string;
  section_id: string;
  status: RecommendationStatus;
  hmicfrs_view: HmicfrsView | null;
  target_date: string | null;
  note: string;
  links_json: string;
  by_id: string;
  by_name: string;
  at: string;
}

interface CarryoverRow {
  section_id: string;
  response_id: string;
  from_section_id: string;
  from_response_id: string;
  at: string;
}

function parseLinks(json: string): string[] {
  try {
    const links: unknown = JSON.parse(json);
    return Array.isArray(links) ? links.filter((link): link is string => typeof link === 'string') : [];
  } catch {
    return [];
  }
}

function toUpdate(row: UpdateRow): RecommendationUpdateRecord {
  return {
    id: row.id,
    responseId: row.response_id,
    sectionId: row.section_id,
    status: row.status,
    hmicfrsView: row.hmicfrs_view,
    targetDate: row.target_date,
    note: row.note,
    links: parseLinks(row.links_json),
    by: { userId: row.by_id, name: row.by_name },
    at: row.at,
  };
}

function toCarryover(row: CarryoverRow): Carryover {
  return { sectionId: row.section_id, responseId: row.response_id, fromSectionId: row.from_section_id, fromResponseId: row.from_response_id, at: row.at };
}

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(',');

/** TrackingStore on SQLite (`recommendation_updates`, which triggers keep append-only, and `recommendation_carryovers`). */
export class SqliteTrackingStore implements TrackingStore {
  constructor(private readonly conn: SqliteConnection) {}

  append(update: NewRecommendationUpdate): Promise<RecommendationUpdateRecord> {
    return this.conn.run(() => {
      const at = new Date().toISOString();
      const result = this.conn.sql(
          `INSERT INTO recommendation_updates (response_id, section_id, status, hmicfrs_view, target_date, note, links_json, by_id, by_name, at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          update.responseId,
          update.sectionId,
          update.status,
          update.hmicfrsView,
          update.targetDate,
          update.note,
          JSON.stringify(update.links),
          update.by.userId,
          update.by.name,
          at,
        );
      return { ...update, id: Number(result.lastInsertRowid), at };
    });
  }

  historyOf(sectionIds: string[]): Promise<RecommendationUpdateRecord[]> {
    return this.conn.run(() => {
      if (sectionIds.length === 0) return [];
      return this.conn.sql<string[], UpdateRow>(`SELECT * FROM recommendation_updates WHERE section_id IN (${placeholders(sectionIds.length)}) ORDER BY id`)
        .all(...sectionIds)
        .map(toUpdate);
    });
  }

  addCarryover(link: Omit<Carryover, 'at'>): Promise<void> {
    return this.conn.run(() => {
      this.conn.sql('INSERT INTO recommendation_carryovers (section_id, response_id, from_section_id, from_response_id, at) VALUES (?, ?, ?, ?, ?)')
        .run(link.sectionId, link.responseId, link.fromSectionId, link.fromResponseId, new Date().toISOString());
    });
  }

  carriedFrom(sectionIds: string[]): Promise<Carryover[]> {
    return this.conn.run(() => {
      if (sectionIds.length === 0) return [];
      return this.conn.sql<string[], CarryoverRow>(`SELECT * FROM recommendation_carryovers WHERE section_id IN (${placeholders(sectionIds.length)})`)
        .all(...sectionIds)
        .map(toCarryover);
    });
  }

  carriedTo(sectionIds: string[]): Promise<Carryover[]> {
    return this.conn.run(() => {
      if (sectionIds.length === 0) return [];
      return this.conn.sql<string[], CarryoverRow>(
          `SELECT * FROM recommendation_carryovers WHERE from_section_id IN (${placeholders(sectionIds.length)}) ORDER BY at DESC, rowid DESC`,
        )
        .all(...sectionIds)
        .map(toCarryover);
    });
  }

  scan(page: { afterId?: number; limit: number }): Promise<RecommendationUpdateRecord[]> {
    return this.conn.run(() =>
      this.conn.sql<[number, number], UpdateRow>('SELECT * FROM recommendation_updates WHERE id > ? ORDER BY id LIMIT ?')
        .all(page.afterId ?? 0, Math.max(1, page.limit))
        .map(toUpdate),
    );
  }
}
