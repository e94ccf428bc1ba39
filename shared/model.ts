// The words of the domain (see DESIGN.md), shared by the server and the client.

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

/** A response is frozen for good once published. */
export const RESPONSE_STATES = ['drafting', 'published'] as const;
export type ResponseState = (typeof RESPONSE_STATES)[number];

/** The report a response answers. */
export interface Report {
  title: string;
  /** Calendar date in UK time, "YYYY-MM-DD". */
  publishedOn: string;
  url: string;
}

/** A member of a response, as the permission rules see them. */
export interface Membership {
  role: RoleId;
  capacity: Capacity;
  administrator: boolean;
}

/** A signatory's statement that a section is final. */
export interface SignOff {
  userId: string;
  name: string;
  at: string;
  /** SHA-256 (hex) of the section's canonical content when it was signed. */
  contentHash: string;
}

/** A part of the response owned by one role. */
export interface Section {
  id: string;
  kind: SectionKind;
  title: string;
  ownerRole: RoleId;
  state: SectionState;
  /** The report's recommendation text, for kind `recommendation`; otherwise null. */
  recommendation: string | null;
  signOff: SignOff | null;
}
