// The tracker's filters, kept in the page's address (so a filtered view can be bookmarked or
// shared): response, owner, status and overdue only.
import { RECOMMENDATION_STATUSES, isOverdue, ragRating, type RagRating, type RecommendationStatus } from '../../shared/tracking';
import type { TrackedRecommendation } from '../../shared/trackingApi';

/** The tracker's path. */
export const TRACKER_PATH = '/tracker';

export interface TrackerFilters {
  responseId: string | null;
  owner: string | null;
  status: RecommendationStatus | null;
  overdue: boolean;
}

export const NO_FILTERS: TrackerFilters = { responseId: null, owner: null, status: null, overdue: false };

function isStatus(value: string | null): value is RecommendationStatus {
  return value !== null && (RECOMMENDATION_STATUSES as readonly string[]).includes(value);
}

/** The filters a query string names ("?response=…&owner=…&status=…&overdue=1"); unknown values are ignored. */
export function parseFilters(search: string): TrackerFilters {
  const params = new URLSearchParams(search);
  const status = params.get('status');
  return {
    responseId: params.get('response') || null,
    owner: params.get('owner') || null,
    status: isStatus(status) ? status : null,
    overdue: params.get('overdue') === '1',
  };
}

/** The query string of a set of filters ("" when there are none). */
export function filtersQuery(filters: TrackerFilters): string {
  const params = new URLSearchParams();
  if (filters.responseId) params.set('response', filters.responseId);
  if (filters.owner) params.set('owner', filters.owner);
  if (filters.status) params.set('status', filters.status);
  if (filters.overdue) params.set('overdue', '1');
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** The tracker's address with filters. */
export function trackerPath(filters: Partial<TrackerFilters> = {}): string {
  return `${TRACKER_PATH}${filtersQuery({ ...NO_FILTERS, ...filters })}`;
}

/** The recommendations the filters let through, in their order. */
export function applyFilters(items: TrackedRecommendation[], filters: TrackerFilters, today: string): TrackedRecommendation[] {
  return items.filter(
    (item) =>
      (!filters.responseId || item.responseId === filters.responseId) &&
      (!filters.owner || item.owner === filters.owner) &&
      (!filters.status || item.status === filters.status) &&
      (!filters.overdue || isOverdue(item, today)),
  );
}

/** How many of the items have each RAG rating. */
export function ragCounts(items: TrackedRecommendation[], today: string): Record<RagRating['rating'], number> {
  const counts: Record<RagRating['rating'], number> = { red: 0, amber: 0, green: 0, no_target: 0, complete: 0, followed_up: 0 };
  for (const item of items) counts[ragRating(item, today).rating] += 1;
  return counts;
}

/** A recommendation's own page. */
export function recommendationPath(responseId: string, sectionId: string): string {
  return `/responses/${encodeURIComponent(responseId)}/recommendations/${encodeURIComponent(sectionId)}`;
}

/** The page that starts a follow-up response from a published one. */
export function followUpPath(responseId: string): string {
  return `/responses/${encodeURIComponent(responseId)}/follow-up`;
}
