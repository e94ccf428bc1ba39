import type { HmicfrsView, RecommendationStatus } from '../../shared/tracking';

/** One update of a recommendation's action, as stored. Never changed once written. */
export interface RecommendationUpdateRecord {
  id: number;
  responseId: string;
  sectionId: string;
  status: RecommendationStatus;
  hmicfrsView: HmicfrsView | null;
  targetDate: string | null;
  note: string;
  links: string[];
  by: { userId: string; name: string };
  at: string;
}

/** An update to record; the store sets its id and time. */
export type NewRecommendationUpdate = Omit<RecommendationUpdateRecord, 'id' | 'at'>;

/** A recommendation of a follow-up response carried on from one of an earlier response. */
export interface Carryover {
  /** The follow-up's recommendation section. */
  sectionId: string;
  responseId: string;
  /** The earlier response's recommendation section, whose history comes first. */
  fromSectionId: string;
  fromResponseId: string;
  at: string;
}

/** Recommendation tracking after publication (the tables `recommendation_updates` and `recommendation_carryovers`). */
export interface TrackingStore {
  /** Appends an update to a recommendation's history (append-only). */
  append(update: NewRecommendationUpdate): Promise<RecommendationUpdateRecord>;
  /** The updates of the given sections, oldest first. */
  historyOf(sectionIds: string[]): Promise<RecommendationUpdateRecord[]>;
  /** Records that a follow-up's recommendation carries on an earlier one. */
  addCarryover(link: Omit<Carryover, 'at'>): Promise<void>;
  /** The carry-overs that lead to the given sections. */
  carriedFrom(sectionIds: string[]): Promise<Carryover[]>;
  /** The carry-overs that lead on from the given sections, newest first. */
  carriedTo(sectionIds: string[]): Promise<Carryover[]>;
  /** Every update in insertion order, `limit` at a time after `afterId`: for verification. */
  scan(page: { afterId?: number; limit: number }): Promise<RecommendationUpdateRecord[]>;
}
