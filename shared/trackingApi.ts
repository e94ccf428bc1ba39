// The shapes of recommendation tracking and of the public register, named after their schemas
// (shared/schemas/tracking.ts), as shared/api.ts names the rest of the API's.
import type { z } from 'zod';
import type {
  carryLinkSchema,
  recommendationUpdateSchema,
  registerEntrySchema,
  registerIndexSchema,
  responseRecommendationsBodySchema,
  trackedRecommendationSchema,
  trackerBodySchema,
} from './schemas/tracking';

/** One dated entry of a recommendation's status history. */
export type RecommendationUpdate = z.infer<typeof recommendationUpdateSchema>;
/** The other end of a carry-over to a follow-up response. */
export type CarryLink = z.infer<typeof carryLinkSchema>;
/** A recommendation with its action status, owner, target date and history. */
export type TrackedRecommendation = z.infer<typeof trackedRecommendationSchema>;
/** `GET /api/responses/:id/recommendations`. */
export type ResponseRecommendationsBody = z.infer<typeof responseRecommendationsBodySchema>;
/** `GET /api/recommendations`. */
export type TrackerBody = z.infer<typeof trackerBodySchema>;
/** One published response on the public register. */
export type RegisterEntry = z.infer<typeof registerEntrySchema>;
/** `GET /published/index.json`. */
export type RegisterIndex = z.infer<typeof registerIndexSchema>;
