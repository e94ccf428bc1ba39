import type { Carryover, NewRecommendationUpdate, RecommendationUpdateRecord, TrackingStore } from '../TrackingStore';
import { type UpdateRow, type CarryoverRow, toUpdate, toCarryover } from '../rows/trackingRows';
import type { Sql } from './PgConnection';

const CARRYOVER_COLUMNS = 'section_id, response_id, from_section_id, from_response_id, at';

/** TrackingStore on PostgreSQL (`recommendation_updates`, which triggers keep append-only, and `recommendation_carryovers`). */
export class PgTrackingStore implements TrackingStore {
  constructor(private readonly sql: Sql) {}

  async append(update: NewRecommendationUpdate): Promise<RecommendationUpdateRecord> {
    const at = new Date().toISOString();
    const { rows } = await this.sql.query<{ id: number }>(
      `INSERT INTO recommendation_updates (response_id, section_id, status, hmicfrs_view, target_date, note, links_json, by_id, by_name, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [update.responseId, update.sectionId, update.status, update.hmicfrsView, update.targetDate, update.note, JSON.stringify(update.links), update.by.userId, update.by.name, at],
    );
    return { ...update, id: rows[0]!.id, at };
  }

  async historyOf(sectionIds: string[]): Promise<RecommendationUpdateRecord[]> {
    if (sectionIds.length === 0) return [];
    const { rows } = await this.sql.query<UpdateRow>('SELECT * FROM recommendation_updates WHERE section_id = ANY($1::text[]) ORDER BY id', [sectionIds]);
    return rows.map(toUpdate);
  }

  async addCarryover(link: Omit<Carryover, 'at'>): Promise<void> {
    await this.sql.query('INSERT INTO recommendation_carryovers (section_id, response_id, from_section_id, from_response_id, at) VALUES ($1, $2, $3, $4, $5)', [
      link.sectionId,
      link.responseId,
      link.fromSectionId,
      link.fromResponseId,
      new Date().toISOString(),
    ]);
  }

  async carriedFrom(sectionIds: string[]): Promise<Carryover[]> {
    if (sectionIds.length === 0) return [];
    const { rows } = await this.sql.query<CarryoverRow>(`SELECT ${CARRYOVER_COLUMNS} FROM recommendation_carryovers WHERE section_id = ANY($1::text[]) ORDER BY seq`, [sectionIds]);
    return rows.map(toCarryover);
  }

  async carriedTo(sectionIds: string[]): Promise<Carryover[]> {
    if (sectionIds.length === 0) return [];
    const { rows } = await this.sql.query<CarryoverRow>(
      `SELECT ${CARRYOVER_COLUMNS} FROM recommendation_carryovers WHERE from_section_id = ANY($1::text[]) ORDER BY at DESC, seq DESC`,
      [sectionIds],
    );
    return rows.map(toCarryover);
  }

  async scan(page: { afterId?: number; limit: number }): Promise<RecommendationUpdateRecord[]> {
    const { rows } = await this.sql.query<UpdateRow>('SELECT * FROM recommendation_updates WHERE id > $1 ORDER BY id LIMIT $2', [page.afterId ?? 0, Math.max(1, page.limit)]);
    return rows.map(toUpdate);
  }
}
