// The words of the domain (see DESIGN.md), shared by the server and the client.
import type { z } from 'zod';
import type { membershipSchema, reportSchema, sectionSchema, signOffSchema } from './schemas/model';

/** The party a member acts for. The three statutory roles; a response may add others. */
export type RoleId = string;

export const BUILT_IN_ROLES = ['pcc', 'chief_constable', 'portfolio_lead'] as const;

/** What a member may do for their role. */
export const CAPACITIES = ['signatory', 'drafter', 'viewer'] as const;
export type Capacity = (typeof CAPACITIES)[number];

export const SECTION_KINDS = ['prose', 'recommendation', 'area_for_improvement'] as const;
export type SectionKind = (typeof SECTION_KINDS)[number];

/** A section is being drafted until its owner's signatory signs it off. */
export const SECTION_STATES = ['drafting', 'signed_off'] as const;
export type SectionState = (typeof SECTION_STATES)[number];

/** Why a version of a section exists: a sign-off, a reopen, the publication, a name a member gave it, or an automatic point while editing. */
export const VERSION_KINDS = ['signoff', 'reopen', 'publication', 'named', 'auto'] as const;
export type VersionKind = (typeof VERSION_KINDS)[number];

/**
 * Where a suggestion stands: open until a writer of the section accepts or rejects it; stale
 * when its passage was changed or deleted meanwhile (it can be read, and rejected, not accepted).
 */
export const SUGGESTION_STATES = ['open', 'accepted', 'rejected', 'stale'] as const;
export type SuggestionState = (typeof SUGGESTION_STATES)[number];

/** A response is frozen for good once published. */
export const RESPONSE_STATES = ['drafting', 'published'] as const;
export type ResponseState = (typeof RESPONSE_STATES)[number];

/** The report a response answers. */
export type Report = z.infer<typeof reportSchema>;

/** A member of a response, as the permission rules see them. */
export type Membership = z.infer<typeof membershipSchema>;

/** A signatory's statement that a section is final. */
export type SignOff = z.infer<typeof signOffSchema>;

/** A part of the response owned by one role. */
export type Section = z.infer<typeof sectionSchema>;
