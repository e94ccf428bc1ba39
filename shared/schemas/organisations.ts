// Schemas of the installation's organisations: as COUNTERSIGN_ORGANISATIONS names them (the
// server parses the setting with these), and as the API shows them (without administrators).
import { z } from 'zod';
import { MAX_NAME_CHARS } from '../limits';
import { emailField, roleIdField } from './fields';
import { singleLineText } from './text';

/** An organisation's or a provider's id: a short lower-case word. */
export const settingIdField = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'must be a short id of lower-case letters, digits, "-" or "_"');

/** An e-mail domain ("force.police.uk"), or "*" for every address. */
export const emailDomainField = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(\*|(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63})$/, 'must be an e-mail domain such as "force.police.uk", or "*"');

/** One organisation of COUNTERSIGN_ORGANISATIONS. */
export const organisationSettingSchema = z
  .object({
    id: settingIdField,
    name: singleLineText({ max: MAX_NAME_CHARS }),
    /** The e-mail domains of its people (a domain covers its subdomains). */
    domains: z.array(emailDomainField).min(1),
    /** The sign-in provider that vouches for its people's addresses (an id of the OIDC providers). */
    provider: settingIdField.nullable().optional(),
    /** Its administrators: they make its people signatories for the roles it holds. */
    administrators: z.array(emailField).default([]),
    /** Whether its people may create responses (the OPCC's do). */
    createsResponses: z.boolean().default(false),
    /** The roles it holds in a new response ("*": every role no other organisation names). */
    roles: z.array(z.union([roleIdField, z.literal('*')])).default([]),
  })
  .strict();

/** COUNTERSIGN_ORGANISATIONS: at least one, ids unique. */
export const organisationsSettingSchema = z
  .array(organisationSettingSchema)
  .min(1)
  .refine((list) => new Set(list.map((o) => o.id)).size === list.length, 'two organisations have the same id');

/** An organisation as the API shows it: enough for the shared rules, without its administrators. */
export const organisationViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  domains: z.array(z.string()),
  createsResponses: z.boolean(),
});

/** Who holds a role of a response. */
export const roleHolderSchema = z.object({ role: z.string(), organisationId: z.string().nullable() });
