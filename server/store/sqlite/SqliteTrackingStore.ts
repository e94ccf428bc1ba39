import type { Carryover, NewRecommendationUpdate, RecommendationUpdateRecord, TrackingStore } from '../TrackingStore';
import { type UpdateRow, type CarryoverRow, toUpdate, toCarryover } from '../rows/trackingRows';
import type { SqliteConnection } from './SqliteConnection';

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
