// Rows of recommendation_updates and recommendation_carryovers as both databases return them, and their records.
import type { HmicfrsView, RecommendationStatus } from '../../../shared/tracking';
import type { Carryover, RecommendationUpdateRecord } from '../TrackingStore';

/** A row of recommendation_updates. */
export interface UpdateRow {
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

/** The columns of recommendation_carryovers a carry-over is made of. */
export interface CarryoverRow {
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

/** The update; links that are not strings, or JSON that does not parse, give no links rather than a failed read. */
export function toUpdate(row: UpdateRow): RecommendationUpdateRecord {
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

/** The carry-over record. */
export function toCarryover(row: CarryoverRow): Carryover {
  return { sectionId: row.section_id, responseId: row.response_id, fromSectionId: row.from_section_id, fromResponseId: row.from_response_id, at: row.at };
}
