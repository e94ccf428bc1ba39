// Schemas of the domain's records as the API sends them; shared/model.ts names their types.
import { z } from 'zod';
import { CAPACITIES, RESPONSE_STATES, SECTION_KINDS, SECTION_STATES } from '../model';

export const capacitySchema = z.enum(CAPACITIES);
export const sectionKindSchema = z.enum(SECTION_KINDS);
export const sectionStateSchema = z.enum(SECTION_STATES);
export const responseStateSchema = z.enum(RESPONSE_STATES);

export const reportSchema = z.object({
  title: z.string(),
  /** Calendar date in UK time, "YYYY-MM-DD". */
  publishedOn: z.string(),
  url: z.string(),
});

export const membershipSchema = z.object({
  role: z.string(),
  capacity: capacitySchema,
  administrator: z.boolean(),
});

export const signOffSchema = z.object({
  userId: z.string(),
  name: z.string(),
  at: z.string(),
  /** SHA-256 (hex) of the section's canonical content when it was signed. */
  contentHash: z.string(),
  /** The version of the section that was signed (see its history), when known. */
  versionId: z.string().nullable(),
  /** The signer's organisation, when they signed (absent on sign-offs made before organisations). */
  organisation: z.string().nullable().optional(),
  /** How the signer's identity was checked: the sign-in provider's name, or "local password". */
  identityCheck: z.string().nullable().optional(),
});

export const sectionSchema = z.object({
  id: z.string(),
  kind: sectionKindSchema,
  title: z.string(),
  ownerRole: z.string(),
  state: sectionStateSchema,
  /** The report's recommendation text, for kind `recommendation`; otherwise null. */
  recommendation: z.string().nullable(),
  signOff: signOffSchema.nullable(),
});
