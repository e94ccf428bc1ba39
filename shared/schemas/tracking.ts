// Schemas of recommendation tracking, follow-up responses and the public register: the requests
// the server parses, and the answers the client (and anyone reading the register) parses.
import { z } from 'zod';
import { MAX_EVIDENCE_LINKS, MAX_PROGRESS_NOTE_CHARS } from '../limits';
import { HMICFRS_VIEWS, RECOMMENDATION_STATUSES, TARGET_DATE_RANGE } from '../tracking';
import { calendarDateField, webAddressField } from './fields';
import { membershipSchema, reportSchema, responseStateSchema } from './model';
import { createResponseRequest } from './requests';
import { personSchema } from './responses';
import { multiLineText } from './text';

export const recommendationStatusSchema = z.enum(RECOMMENDATION_STATUSES);
export const hmicfrsViewSchema = z.enum(HMICFRS_VIEWS);

/** A target date: a real date, within reason. */
export const targetDateField = calendarDateField.refine(
  (date) => date >= TARGET_DATE_RANGE.min && date <= TARGET_DATE_RANGE.max,
  `must be between ${TARGET_DATE_RANGE.min} and ${TARGET_DATE_RANGE.max}`,
);

/**
 * `POST /api/responses/:id/recommendations/:sectionId/updates`. `hmicfrsView` and `targetDate`
 * left out keep their current values; null clears them. Unknown fields (a "by", an "at") are
 * dropped: the server sets those.
 */
export const recommendationUpdateRequest = z.object({
  status: recommendationStatusSchema,
  hmicfrsView: hmicfrsViewSchema.nullable().optional(),
  targetDate: targetDateField.nullable().optional(),
  note: multiLineText({ max: MAX_PROGRESS_NOTE_CHARS }).optional(),
  links: z.array(webAddressField).max(MAX_EVIDENCE_LINKS, `must be ${MAX_EVIDENCE_LINKS} links or fewer`).optional(),
});

/** `POST /api/responses/:id/follow-ups`: the new report; the members and recommendations come from the published response. */
export const followUpRequest = createResponseRequest.pick({ title: true, report: true, optionalSections: true });

export type RecommendationUpdateRequest = z.infer<typeof recommendationUpdateRequest>;
export type FollowUpRequest = z.infer<typeof followUpRequest>;

/** One dated entry of a recommendation's status history. */
export const recommendationUpdateSchema = z.object({
  status: recommendationStatusSchema,
  hmicfrsView: hmicfrsViewSchema.nullable(),
  targetDate: z.string().nullable(),
  note: z.string(),
  links: z.array(z.string()),
  by: personSchema,
  at: z.string(),
  /** The response it was recorded on: an earlier one, for history carried over to a follow-up. */
  responseId: z.string(),
  carriedOver: z.boolean(),
});

/** The other end of a carry-over: the earlier response, or the follow-up. */
export const carryLinkSchema = z.object({
  responseId: z.string(),
  sectionId: z.string(),
  /** Null when the caller is not a member of that response. */
  responseTitle: z.string().nullable(),
  responseState: responseStateSchema.nullable(),
});

/** A recommendation with its action: the current status is the latest update's. */
export const trackedRecommendationSchema = z.object({
  responseId: z.string(),
  sectionId: z.string(),
  title: z.string(),
  /** The report's recommendation text. */
  text: z.string(),
  status: recommendationStatusSchema,
  hmicfrsView: hmicfrsViewSchema.nullable(),
  /** The role that owns the recommendation and updates its action. */
  owner: z.string(),
  ownerLabel: z.string(),
  targetDate: z.string().nullable(),
  /** Oldest first; append-only. */
  updates: z.array(recommendationUpdateSchema),
  carriedFrom: carryLinkSchema.nullable(),
  carriedTo: carryLinkSchema.nullable(),
  /** A published follow-up carries it on, so it is updated there. */
  supersededByPublishedFollowUp: z.boolean(),
});

const trackedResponseSchema = z.object({ id: z.string(), title: z.string(), state: responseStateSchema, me: membershipSchema });

/** `GET /api/responses/:id/recommendations`. */
export const responseRecommendationsBodySchema = z.object({
  response: trackedResponseSchema,
  recommendations: z.array(trackedRecommendationSchema),
});

/** `GET /api/recommendations`: every recommendation of every response the caller is a member of. */
export const trackerBodySchema = z.object({
  responses: z.array(trackedResponseSchema),
  recommendations: z.array(trackedRecommendationSchema),
});

/** One published response on the public register. */
export const registerEntrySchema = z.object({
  publicationId: z.string(),
  title: z.string(),
  report: reportSchema,
  /** The statutory deadline, "YYYY-MM-DD" (report publication + 55 days). */
  deadline: z.string(),
  /** The instant it was published (ISO 8601) and its UK calendar date. */
  publishedAt: z.string(),
  publishedOn: z.string(),
  /** Who published it (the PCC's signatory). */
  publishedBy: z.string(),
  onTime: z.boolean(),
  /** Whole days after the deadline; 0 when on time. */
  daysLate: z.number().int().nonnegative(),
  htmlUrl: z.string(),
  docxUrl: z.string(),
  htmlSha256: z.string(),
  docxSha256: z.string(),
});

/** `GET /published/index.json`: the register, newest first. */
export const registerIndexSchema = z.object({
  title: z.string(),
  updated: z.string().nullable(),
  htmlUrl: z.string(),
  feedUrl: z.string(),
  publications: z.array(registerEntrySchema),
});
