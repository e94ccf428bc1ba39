// The permission rules, written once. The server enforces them on every request and on every
// sync connection; the client uses them only to show what a member may do, so a control is
// enabled exactly when the server would accept the action.
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

export const ACTIONS = [
  'edit',
  'signOff',
  'reopen',
  'comment',
  'publish',
  'administer',
  'setUp',
  'manageMembers',
  'setChiefCommentsDate',
  'recordStatutorySteps',
  'suggest',
  'decideSuggestion',
] as const;
export type Action = (typeof ACTIONS)[number];

/** The role whose comments the PCC sets a date for (Police Act 1996 s.55(4)). */
export const CHIEF_CONSTABLE_ROLE = 'chief_constable';
/** The role that publishes the response. */
export const PCC_ROLE = 'pcc';

function actsForOwner(member: Membership, section: SectionTarget): boolean {
  return member.role === section.ownerRole;
}

function writesForRole(member: Membership): boolean {
  return member.capacity === 'signatory' || member.capacity === 'drafter';
}

function isPccSignatory(member: Membership): boolean {
  return member.role === PCC_ROLE && member.capacity === 'signatory';
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

/** May open, answer, resolve and reopen threads: any member who is not a viewer, until publication. */
export function canComment(member: Actor, response: ResponseTarget): boolean {
  if (!member || response.state !== 'drafting') return false;
  return writesForRole(member);
}

/** May edit or delete a comment: its author, while they may comment, if it is not deleted. */
export function canChangeComment(
  member: Actor,
  response: ResponseTarget,
  comment: { author: { userId: string }; deleted: boolean },
  userId: string,
): boolean {
  return canComment(member, response) && !comment.deleted && comment.author.userId === userId;
}

/** May suggest a change to a section (even one signed off, even one they could edit): any member who may comment. */
export function canSuggest(member: Actor, response: ResponseTarget): boolean {
  return canComment(member, response);
}

/**
 * May accept or reject suggestions on a section: the owning role's signatories and drafters, until
 * publication. Accepting also needs the section open (a signed-off one is reopened first).
 */
export function canDecideSuggestion(member: Actor, section: SectionTarget, response: ResponseTarget): boolean {
  if (!member || response.state !== 'drafting') return false;
  return actsForOwner(member, section) && writesForRole(member);
}

/** May lock and publish the response: the PCC's signatory (see publicationBlockers for when). */
export function canPublish(member: Actor, response: ResponseTarget): boolean {
  if (!member || response.state !== 'drafting') return false;
  return isPccSignatory(member);
}

/** Administers the response (in any state; what that allows depends on the state). */
export function canAdminister(member: Actor): boolean {
  return member?.administrator === true;
}

/** May set up the response (rename it, add, change, order and remove sections): administrators, until publication. */
export function canSetUp(member: Actor, response: ResponseTarget): boolean {
  return canAdminister(member) && response.state === 'drafting';
}

/** May add, change, invite and remove members: administrators, until publication. */
export function canManageMembers(member: Actor, response: ResponseTarget): boolean {
  return canAdminister(member) && response.state === 'drafting';
}

/** May set the date for the Chief Constable's comments (s.55(4)): the PCC's signatory or an administrator, until publication. */
export function canSetChiefCommentsDate(member: Actor, response: ResponseTarget): boolean {
  if (!member || response.state !== 'drafting') return false;
  return isPccSignatory(member) || member.administrator;
}

/** May record the statutory steps after publication (s.55(6)): administrators, once published. */
export function canRecordStatutorySteps(member: Actor, response: ResponseTarget): boolean {
  return canAdminister(member) && response.state === 'published';
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
