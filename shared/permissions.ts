// The permission rules, written once. The server enforces them on every request and on every
// sync connection; the client uses them only to show what a member may do.
import type { Membership, ResponseState, RoleId, SectionState } from './model';

/** What a rule needs to know about a section. */
export interface SectionTarget {
  ownerRole: RoleId;
  state: SectionState;
}

/** What a rule needs to know about a response. */
export interface ResponseTarget {
  state: ResponseState;
}

/** A member, or null for someone who is not a member of the response. */
export type Actor = Membership | null;

export const ACTIONS = ['edit', 'signOff', 'reopen', 'comment', 'publish', 'administer'] as const;
export type Action = (typeof ACTIONS)[number];

function actsForOwner(member: Membership, section: SectionTarget): boolean {
  return member.role === section.ownerRole;
}

function writesForRole(member: Membership): boolean {
  return member.capacity === 'signatory' || member.capacity === 'drafter';
}

/** May write the section's text: the owning role's signatories and drafters, while it is open. */
export function canEdit(member: Actor, section: SectionTarget, response: ResponseTarget): boolean {
  if (!member || response.state !== 'drafting' || section.state !== 'drafting') return false;
  return actsForOwner(member, section) && writesForRole(member);
}

/** May sign the section off: a signatory of the owning role, while it is open. */
export function canSignOff(member: Actor, section: SectionTarget, response: ResponseTarget): boolean {
  if (!member || response.state !== 'drafting' || section.state !== 'drafting') return false;
  return actsForOwner(member, section) && member.capacity === 'signatory';
}

/** May reopen a signed-off section: a signatory of the owning role, or an administrator. */
export function canReopen(member: Actor, section: SectionTarget, response: ResponseTarget): boolean {
  if (!member || response.state !== 'drafting' || section.state !== 'signed_off') return false;
  return (actsForOwner(member, section) && member.capacity === 'signatory') || member.administrator;
}

/** May open and answer threads: any member who is not a viewer, until publication. */
export function canComment(member: Actor, response: ResponseTarget): boolean {
  if (!member || response.state !== 'drafting') return false;
  return writesForRole(member);
}

/** May lock and publish the response: the PCC's signatory (preconditions are checked apart). */
export function canPublish(member: Actor, response: ResponseTarget): boolean {
  if (!member || response.state !== 'drafting') return false;
  return member.role === 'pcc' && member.capacity === 'signatory';
}

/** May set up the response and manage its members. */
export function canAdminister(member: Actor): boolean {
  return member?.administrator === true;
}

/** Why a member may not write a section, in words for the member; null when they may. */
export function whyReadOnly(
  member: Actor,
  section: SectionTarget,
  response: ResponseTarget,
  ownerLabel: string,
): string | null {
  if (canEdit(member, section, response)) return null;
  if (response.state === 'published') return 'Published: the response can no longer change';
  if (section.state === 'signed_off') return 'Signed off: reopen it to change it';
  if (member && member.capacity === 'viewer') return 'You can view this response but not write it';
  return `Owned by ${ownerLabel}`;
}
