// Schemas of invitations: made the same way for every address, accepted only with proof of it.
import { z } from 'zod';
import { nameField, newPasswordField } from './fields';
import { capacitySchema } from './model';
import { personSchema } from './responses';

/** An open invitation, as the response's administrators and the invitee see it. */
export const invitationSchema = z.object({
  id: z.string(),
  responseId: z.string(),
  responseTitle: z.string(),
  email: z.string(),
  role: z.string(),
  capacity: capacitySchema,
  administrator: z.boolean(),
  invitedBy: personSchema.nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
});

/**
 * `POST /api/responses/:id/members` and `.../invitations`: the same answer whoever the address
 * is. The link is shown to the administrator too; accepting it needs proof of the address.
 */
export const invitationCreatedSchema = z.object({ invitation: invitationSchema, url: z.string(), expiresAt: z.string() });

/** `GET /api/responses/:id/invitations` and `GET /api/me/invitations`. */
export const invitationListSchema = z.object({ invitations: z.array(invitationSchema) });

/** `POST /api/invitations/:token/code`: a code (or a note to sign in) was mailed to the address. */
export const codeSentSchema = z.object({ sentTo: z.string() });

/** `POST /api/me/invitations/:id/accept` and the link's accept: the response joined. */
export const joinedSchema = z.object({ responseId: z.string() });

/** `POST /api/invitations/:token/accept` without a session: the mailed code, and the new account's name and password. */
export const acceptWithCodeRequest = z.object({
  code: z
    .string()
    .transform((code) => code.replace(/[\s-]/g, ''))
    .pipe(z.string().regex(/^\d{8}$/, 'must be the 8 digits of the code we mailed')),
  name: nameField,
  password: newPasswordField,
});
