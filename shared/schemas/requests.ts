// Schemas of every request body the HTTP API takes. The server parses with them (a 400 that
// lists what is wrong otherwise); the client builds its requests to match.
import { z } from 'zod';
import { ukToday } from '../deadline';
import { MAX_EMAIL_CHARS, MAX_IMPORTED_RECOMMENDATIONS, MAX_MENTIONS, MAX_PASTE_CHARS, MAX_QUOTE_CHARS, MAX_SECTIONS, MAX_SUGGESTION_CHARS, MAX_VERSION_NAME_CHARS } from '../limits';
import {
  calendarDateField,
  capacitySchema,
  commentBodyField,
  emailField,
  idField,
  nameField,
  newPasswordField,
  passwordField,
  reasonField,
  recommendationTextField,
  roleIdField,
  sectionKindSchema,
  titleField,
  webAddressField,
} from './fields';
import { stripDisallowedCharacters } from '../text';
import { singleLineText } from './text';
import { relativePositionField, stateVectorField } from './yjsFields';

const notInFuture = (date: string) => date <= ukToday();
const pastDateField = calendarDateField.refine(notInFuture, 'cannot be in the future');

export const signInRequest = z.object({
  email: z.string().trim().min(1, 'is required').max(MAX_EMAIL_CHARS),
  password: passwordField,
});

export const changePasswordRequest = z.object({ currentPassword: passwordField, newPassword: newPasswordField });

export const createResponseRequest = z.object({
  title: titleField,
  report: z.object({ title: titleField, publishedOn: pastDateField, url: webAddressField }),
  /** Which optional standard sections to include (all by default). */
  optionalSections: z.array(z.string().max(300)).max(20).optional(),
  /** The creator's own seat (the PCC's signatory by default). */
  role: roleIdField.optional(),
  capacity: z.enum(['signatory', 'drafter']).optional(),
});

export const changeResponseRequest = z
  .object({ title: titleField.optional(), chiefCommentsDueOn: calendarDateField.nullable().optional() })
  .refine((body) => Object.keys(body).length > 0, 'give title or chiefCommentsDueOn');

export const importRecommendationsRequest = z
  .object({
    /** The report's recommendations as pasted, to be split... */
    text: z.string().max(MAX_PASTE_CHARS).optional(),
    /** ...or already split (and corrected by the administrator after a preview). */
    recommendations: z.array(z.object({ text: recommendationTextField })).max(MAX_IMPORTED_RECOMMENDATIONS).optional(),
    ownerRole: roleIdField,
    preview: z.boolean(),
  })
  .refine((body) => (body.text === undefined) !== (body.recommendations === undefined), 'give either text or recommendations');

export const addSectionRequest = z.object({
  kind: sectionKindSchema,
  title: titleField,
  ownerRole: roleIdField,
  recommendation: recommendationTextField.optional(),
});

export const changeSectionRequest = z
  .object({ title: titleField.optional(), ownerRole: roleIdField.optional(), recommendation: recommendationTextField.optional() })
  .refine((body) => Object.keys(body).length > 0, 'give title, ownerRole or recommendation');

export const reorderSectionsRequest = z.object({ sectionIds: z.array(z.string().max(64)).max(MAX_SECTIONS) });

export const addMemberRequest = z.object({
  email: emailField,
  role: roleIdField,
  capacity: capacitySchema,
  administrator: z.boolean().optional(),
});

export const changeMemberRequest = z
  .object({ role: roleIdField.optional(), capacity: capacitySchema.optional(), administrator: z.boolean().optional() })
  .refine((body) => Object.keys(body).length > 0, 'give at least one of role, capacity, administrator');

export const acceptInvitationRequest = z.object({ name: nameField, password: newPasswordField });

export const signOffRequest = z.object({
  /** The signer's copy of the section, as a base64 Yjs state vector: sign-off waits until the server has it all. */
  stateVector: stateVectorField.optional(),
  /** The SHA-256 (hex) of the content the signer sees: the sign-off is refused if what is stored differs. */
  expectedHash: z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in hex').optional(),
});

export const reopenRequest = z.object({ reason: reasonField });

export const statutoryStepsRequest = z
  .object({
    publishedAtUrl: webAddressField.nullable().optional(),
    sentToHmicfrsOn: pastDateField.nullable().optional(),
    sentToHomeSecretaryOn: pastDateField.nullable().optional(),
  })
  .strict();

export const threadAnchorRequest = z
  .object({ start: relativePositionField, end: relativePositionField, quote: z.string().min(1).max(MAX_QUOTE_CHARS) })
  .strict();

/** The members a comment mentions ("@name"), by user id: each must be a member; each is notified. */
export const mentionsField = z.array(idField).max(MAX_MENTIONS).optional();

/** Unknown fields (an "author", a "createdAt") are dropped: the server sets those. */
export const createThreadRequest = z.object({ sectionId: idField, body: commentBodyField, anchor: threadAnchorRequest.optional(), mentions: mentionsField });

export const commentRequest = z.object({ body: commentBodyField, mentions: mentionsField });

export type SignInRequest = z.infer<typeof signInRequest>;
export type CreateResponseRequest = z.infer<typeof createResponseRequest>;
export type AddMemberRequest = z.infer<typeof addMemberRequest>;
export type AddSectionRequest = z.infer<typeof addSectionRequest>;

/** `POST .../versions`: a version a member saves with a name. */
export const saveVersionRequest = z.object({ name: singleLineText({ max: MAX_VERSION_NAME_CHARS }) });

/** `GET .../versions/:versionId/diff?against=current|<versionId>`. */
export const diffQuery = z.object({ against: z.union([z.literal('current'), idField]).default('current') });

/** `POST .../sections/:sectionId/suggestions`: the passage (start == end for a pure insertion) and the text proposed for it ("" to delete it). */
export const createSuggestionRequest = z
  .object({
    anchor: z.object({ start: relativePositionField, end: relativePositionField }).strip(),
    insert: z.string().max(MAX_SUGGESTION_CHARS).overwrite(stripDisallowedCharacters),
  })
  .strip();

/** `POST .../suggestions/decide`: every open suggestion of one member (in one section, if given) accepted or rejected at once. */
export const decideSuggestionsRequest = z.object({ by: idField, decision: z.enum(['accept', 'reject']), sectionId: idField.optional() });
