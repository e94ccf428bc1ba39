// The shapes of the HTTP API's JSON and of the events the server pushes, named after their
// schemas (shared/schemas/responses.ts): one definition for the routes that send them and the
// client that parses them.
import type { z } from 'zod';
import type {
  acceptedInvitationSchema,
  suggestionDecisionsBodySchema,
  suggestionListBodySchema,
  suggestionSchema,
  authorshipBodySchema,
  historyPersonSchema,
  textChangeSchema,
  versionDetailBodySchema,
  versionDiffBodySchema,
  versionListBodySchema,
  versionSchema,
  auditEventSchema,
  auditPageSchema,
  errorBodySchema,
  invitationLinkSchema,
  invitationViewSchema,
  memberSchema,
  publicationInfoSchema,
  responseDetailSchema,
  responseListBodySchema,
  responseSummarySchema,
  serverEventSchema,
  sessionBodySchema,
  statutoryStepsSchema,
  threadAnchorSchema,
  threadCommentSchema,
  threadListBodySchema,
  threadSchema,
  userSchema,
} from './schemas/responses';

/** A signed-in person. */
export type User = z.infer<typeof userSchema>;
/** `GET/POST /api/session`. */
export type SessionBody = z.infer<typeof sessionBodySchema>;
/** A member of a response, as listed to other members. */
export type Member = z.infer<typeof memberSchema>;
/** One line of `GET /api/responses`. */
export type ResponseSummary = z.infer<typeof responseSummarySchema>;
/** The published result of a response. */
export type PublicationInfo = z.infer<typeof publicationInfoSchema>;
/** The statutory steps that remain after publishing (Police Act 1996 s.55(6)). */
export type StatutorySteps = z.infer<typeof statutoryStepsSchema>;
/** `GET /api/responses/:id`. */
export type ResponseDetail = z.infer<typeof responseDetailSchema>;
/** `GET /api/responses`. */
export type ResponseListBody = z.infer<typeof responseListBodySchema>;
/** One entry of the activity record. */
export type AuditEvent = z.infer<typeof auditEventSchema>;
/** `GET /api/responses/:id/audit`: a page of entries, oldest first. */
export type AuditPage = z.infer<typeof auditPageSchema>;
/** Every error: `{error: {code, message}}` with a fitting HTTP status. */
export type ErrorBody = z.infer<typeof errorBodySchema>;
/** Where a thread is anchored in a section's text: Yjs relative positions (base64) and the quoted text. */
export type ThreadAnchor = z.infer<typeof threadAnchorSchema>;
/** One comment of a thread. A deleted comment keeps its place but loses its text. */
export type ThreadComment = z.infer<typeof threadCommentSchema>;
/** A comment thread on a section, a recommendation, or a passage of one. */
export type Thread = z.infer<typeof threadSchema>;
/** `GET /api/responses/:id/threads`. */
export type ThreadListBody = z.infer<typeof threadListBodySchema>;
/** `GET /api/invitations/:token`. */
export type InvitationView = z.infer<typeof invitationViewSchema>;
/** `POST /api/responses/:id/invitations`. */
export type InvitationLink = z.infer<typeof invitationLinkSchema>;
/** `POST /api/invitations/:token/accept`. */
export type AcceptedInvitation = z.infer<typeof acceptedInvitationSchema>;
/** A message of the event socket (see serverEventSchema). */
export type ServerEvent = z.infer<typeof serverEventSchema>;
/** A member as the history names them. */
export type HistoryPerson = z.infer<typeof historyPersonSchema>;
/** A version of a section. */
export type Version = z.infer<typeof versionSchema>;
/** `GET .../versions`. */
export type VersionListBody = z.infer<typeof versionListBodySchema>;
/** `GET .../versions/:versionId`. */
export type VersionDetailBody = z.infer<typeof versionDetailBodySchema>;
/** One run of a comparison of two versions. */
export type TextChange = z.infer<typeof textChangeSchema>;
/** `GET .../versions/:versionId/diff`. */
export type VersionDiffBody = z.infer<typeof versionDiffBodySchema>;
/** `GET .../authorship`. */
export type AuthorshipBody = z.infer<typeof authorshipBodySchema>;
/** A change proposed to a section, apart from its text until accepted. */
export type Suggestion = z.infer<typeof suggestionSchema>;
/** `GET /api/responses/:id/suggestions`. */
export type SuggestionListBody = z.infer<typeof suggestionListBodySchema>;
/** `POST .../suggestions/decide`. */
export type SuggestionDecisionsBody = z.infer<typeof suggestionDecisionsBodySchema>;

// Accounts, organisations and invitations (shared/schemas/accounts.ts, invitations.ts).
import type { accountBodySchema, signInOptionsSchema } from './schemas/accounts';
import type { invitationCreatedSchema, invitationSchema } from './schemas/invitations';
import type { organisationViewSchema } from './schemas/organisations';

/** `GET /api/account`. */
export type AccountBody = z.infer<typeof accountBodySchema>;
/** `GET /api/auth/providers`. */
export type SignInOptions = z.infer<typeof signInOptionsSchema>;
/** An organisation as the API shows it. */
export type OrganisationView = z.infer<typeof organisationViewSchema>;
/** An open invitation. */
export type InvitationInfo = z.infer<typeof invitationSchema>;
/** `POST /api/responses/:id/members`. */
export type InvitationCreated = z.infer<typeof invitationCreatedSchema>;
