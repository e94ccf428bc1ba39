// Schemas of what the HTTP API and the event socket send. The server builds these shapes; the
// client parses what it receives with them instead of trusting a cast. shared/api.ts names the types.
import { z } from 'zod';
import { membershipSchema, reportSchema, responseStateSchema, sectionSchema } from './model';
import { notificationSchema } from './notifications';
import { organisationViewSchema, roleHolderSchema } from './organisations';

export const userSchema = z.object({ id: z.string(), email: z.string(), name: z.string() });
export const personSchema = z.object({ userId: z.string(), name: z.string() });

export const sessionBodySchema = z.object({ user: userSchema });

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
  /** To one user's open pages: a notification for them, and how many they have unread. */
  z.object({ type: z.literal('notification'), notification: notificationSchema, unread: z.number() }),
]);
