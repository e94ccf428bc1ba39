// Schemas of what the HTTP API and the event socket send. The server builds these shapes; the
// client parses what it receives with them instead of trusting a cast. shared/api.ts names the types.
import { z } from 'zod';
import { SUGGESTION_STATES, VERSION_KINDS } from '../model';
import { membershipSchema, reportSchema, responseStateSchema, sectionSchema } from './model';
import { notificationSchema } from './notifications';
import { organisationViewSchema, roleHolderSchema } from './organisations';

export const userSchema = z.object({ id: z.string(), email: z.string(), name: z.string() });
export const personSchema = z.object({ userId: z.string(), name: z.string() });

export const sessionBodySchema = z.object({ user: userSchema });
/** DELETE /api/sessions: how many sessions ended. */
export const signedOutEverywhereSchema = z.object({ ended: z.number() });

export const memberSchema = membershipSchema.extend({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  /** The organisation their address belongs to (null: none of the installation's). */
  organisationId: z.string().nullable().optional(),
});

export const responseSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  state: responseStateSchema,
  /** Last day to publish, "YYYY-MM-DD". */
  deadline: z.string(),
  report: reportSchema,
  sectionsTotal: z.number(),
  sectionsSignedOff: z.number(),
  openThreads: z.number(),
});

export const publicationInfoSchema = z.object({
  id: z.string(),
  publishedAt: z.string(),
  publishedBy: z.string(),
  htmlUrl: z.string(),
  docxUrl: z.string(),
  htmlSha256: z.string(),
  docxSha256: z.string(),
});

export const statutoryStepsSchema = z.object({
  publishedAtUrl: z.string().nullable(),
  sentToHmicfrsOn: z.string().nullable(),
  sentToHomeSecretaryOn: z.string().nullable(),
});

export const responseDetailSchema = responseSummarySchema.extend({
  /** In document order. */
  sections: z.array(sectionSchema),
  /** The caller's own membership. */
  me: membershipSchema,
  members: z.array(memberSchema),
  /** The date the PCC set for the chief constable's comments (s.55(4)), if any. */
  chiefCommentsDueOn: z.string().nullable(),
  publication: publicationInfoSchema.nullable(),
  statutorySteps: statutoryStepsSchema,
  /** The installation's organisations, and which holds each role the response uses. */
  organisations: z.array(organisationViewSchema).optional(),
  roleHolders: z.array(roleHolderSchema).optional(),
});

export const responseListBodySchema = z.object({ responses: z.array(responseSummarySchema) });

export const sectionListBodySchema = z.object({ sections: z.array(sectionSchema) });

export const auditEventSchema = z.object({
  id: z.number(),
  at: z.string(),
  actor: personSchema.nullable(),
  action: z.string(),
  sectionId: z.string().nullable(),
  /** Human-readable detail, e.g. a reopen reason. Plain text. */
  detail: z.string(),
});

export const auditPageSchema = z.object({
  events: z.array(auditEventSchema),
  /** The id to ask `?before=` for the next (older) page, or null when this is the oldest. */
  nextBefore: z.number().nullable(),
});

export const errorBodySchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

export const threadAnchorSchema = z.object({ start: z.string(), end: z.string(), quote: z.string() });

export const threadCommentSchema = z.object({
  id: z.string(),
  author: personSchema,
  body: z.string(),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  deleted: z.boolean(),
});

export const threadSchema = z.object({
  id: z.string(),
  sectionId: z.string(),
  anchor: threadAnchorSchema.nullable(),
  state: z.enum(['open', 'resolved']),
  createdBy: personSchema,
  createdAt: z.string(),
  resolvedBy: personSchema.nullable(),
  resolvedAt: z.string().nullable(),
  comments: z.array(threadCommentSchema),
});

export const threadListBodySchema = z.object({ threads: z.array(threadSchema) });

export const importPreviewBodySchema = z.object({ recommendations: z.array(z.object({ text: z.string() })) });

export const invitationViewSchema = z.object({
  email: z.string(),
  responseTitle: z.string(),
  role: z.string(),
  capacity: membershipSchema.shape.capacity,
  /** Whether a one-time code can prove the address (local passwords are on). */
  codeAvailable: z.boolean().optional(),
});

export const invitationLinkSchema = z.object({ url: z.string(), expiresAt: z.string() });

export const acceptedInvitationSchema = sessionBodySchema.extend({ responseId: z.string() });

/**
 * Messages on the event socket `/events/<responseId>` (JSON text frames, server to client).
 * `changed`: the response's sections, members, sign-offs or publication changed; fetch it again.
 * `presence`: the user ids with an open connection to the response right now.
 * `audit`: a new entry of the activity log.
 * `thread`: a thread was opened or changed (a reply, resolved, reopened, edited); here it is whole.
 * `notification`: something for the user whose page this is (on every event socket of theirs).
 */
export const serverEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('changed'), reason: z.string() }),
  z.object({ type: z.literal('thread'), thread: threadSchema }),
  z.object({ type: z.literal('presence'), online: z.array(z.string()) }),
  z.object({ type: z.literal('audit'), event: auditEventSchema }),
  z.object({ type: z.literal('suggestion'), suggestion: z.lazy(() => suggestionSchema) }),
  /** To one user's open pages: a notification for them, and how many they have unread. */
  z.object({ type: z.literal('notification'), notification: notificationSchema, unread: z.number() }),
]);

/** A member as the history names them: who they are and the role they act for. */
export const historyPersonSchema = z.object({ userId: z.string(), name: z.string(), role: z.string() });

/** A version of a section (`GET .../versions`). */
export const versionSchema = z.object({
  id: z.string(),
  kind: z.enum(VERSION_KINDS),
  name: z.string().nullable(),
  createdAt: z.string(),
  createdBy: historyPersonSchema.nullable(),
  /** SHA-256 of the version's canonical content (a sign-off's content hash, for a sign-off). */
  hash: z.string(),
});

export const versionListBodySchema = z.object({ versions: z.array(versionSchema) });

/** `GET .../versions/:versionId`: the version, its content (ProseMirror JSON) and plain text. */
export const versionDetailBodySchema = z.object({ version: versionSchema, content: z.unknown(), text: z.string() });

/** One run of a comparison, in document order. */
export const textChangeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('same'), text: z.string() }),
  z.object({ type: z.literal('insert'), text: z.string(), by: historyPersonSchema.nullable(), at: z.string().nullable() }),
  z.object({ type: z.literal('delete'), text: z.string(), by: historyPersonSchema.nullable(), at: z.string().nullable() }),
]);

export const versionDiffBodySchema = z.object({ changes: z.array(textChangeSchema) });

/** `GET .../authorship`: the text now, in runs by who wrote each (null where the server has no record). */
export const authorshipBodySchema = z.object({ spans: z.array(z.object({ text: z.string(), by: historyPersonSchema.nullable() })) });

/** A change proposed to a section by a member who may comment on it, kept apart from its text until accepted. */
export const suggestionSchema = z.object({
  id: z.string(),
  sectionId: z.string(),
  state: z.enum(SUGGESTION_STATES),
  /** The passage: two Yjs relative positions (base64) and the text between them when suggested. */
  anchor: threadAnchorSchema,
  /** The proposed text ("" for a pure deletion). */
  insert: z.string(),
  by: historyPersonSchema,
  createdAt: z.string(),
  decidedBy: historyPersonSchema.nullable(),
  decidedAt: z.string().nullable(),
  /** Why a stale suggestion can no longer be accepted. */
  staleReason: z.string().nullable(),
  comments: z.array(threadCommentSchema),
});

export const suggestionListBodySchema = z.object({ suggestions: z.array(suggestionSchema) });

/** `POST .../suggestions/decide`: the suggestions decided, and those that could not be, with why. */
export const suggestionDecisionsBodySchema = z.object({
  decided: z.array(suggestionSchema),
  notDecided: z.array(z.object({ suggestion: suggestionSchema, reason: z.string() })),
});

/** `POST .../versions/:versionId/restore`: the version that keeps the text as it was just before. */
export const restoreVersionBodySchema = z.object({ kept: versionSchema });
