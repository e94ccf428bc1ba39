// After publication: each recommendation's action status, who may change it and when, and its
// RAG rating from the target date. Pure rules for the server (which enforces them) and the
// client (which shows what a member may do), like permissions.ts beside it.
import { daysBetween } from './deadline';
import type { Membership, ResponseState, RoleId, SectionKind } from './model';
import type { Actor } from './permissions';

/** What is being done about a recommendation. */
export const RECOMMENDATION_STATUSES = ['not_started', 'in_progress', 'completed', 'no_further_action'] as const;
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];

/** HMICFRS's own view of the action, when it is known. */
export const HMICFRS_VIEWS = ['awaiting_review', 'no_further_action_needed'] as const;
export type HmicfrsView = (typeof HMICFRS_VIEWS)[number];

/** The status of a recommendation nobody has updated yet. */
export const INITIAL_STATUS: RecommendationStatus = 'not_started';

/** A target date this close (in days, today included) or closer is amber. */
export const RAG_AMBER_DAYS = 28;

/** The earliest and latest target dates accepted: anything else is a typing mistake. */
export const TARGET_DATE_RANGE = { min: '2000-01-01', max: '2100-12-31' } as const;

const STATUS_LABELS: Record<RecommendationStatus, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  completed: 'Completed',
  no_further_action: 'No further action',
};

const VIEW_LABELS: Record<HmicfrsView, string> = {
  awaiting_review: 'Awaiting HMICFRS review',
  no_further_action_needed: 'HMICFRS: no further action needed',
};

/** "in_progress" -> "In progress". */
export function statusLabel(status: RecommendationStatus): string {
  return STATUS_LABELS[status];
}

/** "awaiting_review" -> "Awaiting HMICFRS review". */
export function hmicfrsViewLabel(view: HmicfrsView): string {
  return VIEW_LABELS[view];
}

/** Whether the status closes the action (nothing more to do, whatever the target date). */
export function isClosedStatus(status: RecommendationStatus): boolean {
  return status === 'completed' || status === 'no_further_action';
}

/** What the rule needs to know about a recommendation. */
export interface TrackingTarget {
  kind: SectionKind;
  ownerRole: RoleId;
  /** A published follow-up response carries this recommendation on: it is tracked there now. */
  supersededByPublishedFollowUp: boolean;
}

/** Why a member may not update a recommendation's status now. */
export type TrackingBlocker =
  | { kind: 'not_recommendation' }
  | { kind: 'not_published' }
  | { kind: 'superseded' }
  | { kind: 'not_member' }
  | { kind: 'not_owner'; ownerRole: RoleId };

function writesForRole(member: Membership): boolean {
  return member.capacity === 'signatory' || member.capacity === 'drafter';
}

/**
 * What stops a member updating a recommendation's action, or null when they may: the owning
 * role's signatories and drafters, or an administrator; only once the response is published,
 * and only until a published follow-up response carries the recommendation on.
 */
export function trackingBlocker(member: Actor, target: TrackingTarget, response: { state: ResponseState }): TrackingBlocker | null {
  if (target.kind !== 'recommendation') return { kind: 'not_recommendation' };
  if (!member) return { kind: 'not_member' };
  if (response.state !== 'published') return { kind: 'not_published' };
  if (target.supersededByPublishedFollowUp) return { kind: 'superseded' };
  if (member.administrator) return null;
  if (member.role === target.ownerRole && writesForRole(member)) return null;
  return { kind: 'not_owner', ownerRole: target.ownerRole };
}

/** May update the recommendation's status, target date and progress notes. */
export function canUpdateRecommendation(member: Actor, target: TrackingTarget, response: { state: ResponseState }): boolean {
  return trackingBlocker(member, target, response) === null;
}

/** May start a follow-up response from this one (its recommendations carried over): administrators, once published. */
export function canStartFollowUp(member: Actor, response: { state: ResponseState }): boolean {
  return member?.administrator === true && response.state === 'published';
}

/** Where a recommendation stands against its target date today. */
export type RagRating =
  | { rating: 'complete' }
  | { rating: 'followed_up' }
  | { rating: 'no_target' }
  | { rating: 'red'; daysOverdue: number }
  | { rating: 'amber'; daysLeft: number }
  | { rating: 'green'; daysLeft: number };

/**
 * The RAG rating: complete once the action is closed; red past the target date; amber from
 * RAG_AMBER_DAYS before it (the day itself included); green before that. Without a target date
 * there is nothing to rate against. A recommendation a published follow-up carries on is rated there.
 */
export function ragRating(
  item: { status: RecommendationStatus; targetDate: string | null; supersededByPublishedFollowUp?: boolean },
  today: string,
): RagRating {
  if (item.supersededByPublishedFollowUp) return { rating: 'followed_up' };
  if (isClosedStatus(item.status)) return { rating: 'complete' };
  if (item.targetDate === null) return { rating: 'no_target' };
  const daysLeft = daysBetween(today, item.targetDate);
  if (daysLeft < 0) return { rating: 'red', daysOverdue: -daysLeft };
  if (daysLeft < RAG_AMBER_DAYS) return { rating: 'amber', daysLeft };
  return { rating: 'green', daysLeft };
}

function days(n: number): string {
  return n === 1 ? '1 day' : `${n.toLocaleString('en-GB')} days`;
}

/** A RAG rating in words, its colour named so that colour is never the only cue. */
export function describeRag(rag: RagRating): string {
  switch (rag.rating) {
    case 'complete':
      return 'Complete';
    case 'followed_up':
      return 'Tracked in the follow-up response';
    case 'no_target':
      return 'No target date';
    case 'red':
      return `Red: overdue by ${days(rag.daysOverdue)}`;
    case 'amber':
      return rag.daysLeft === 0 ? 'Amber: due today' : `Amber: due in ${days(rag.daysLeft)}`;
    case 'green':
      return `Green: due in ${days(rag.daysLeft)}`;
  }
}

/** Whether the action is past its target date and not closed. */
export function isOverdue(item: Parameters<typeof ragRating>[0], today: string): boolean {
  return ragRating(item, today).rating === 'red';
}

/** A blocker in words for the member. */
export function describeTrackingBlocker(blocker: TrackingBlocker, ownerLabel: string): string {
  switch (blocker.kind) {
    case 'not_recommendation':
      return 'Only a recommendation has an action status';
    case 'not_member':
      return 'Only members of the response can update its recommendations';
    case 'not_published':
      return 'Recommendations are tracked once the response is published';
    case 'superseded':
      return 'A published follow-up response carries this recommendation on: update it there';
    case 'not_owner':
      return `Only the ${ownerLabel}'s signatories and drafters, or an administrator, can update this recommendation`;
  }
}
