// Organisations and who may hold which role, written once for the server (which enforces them
// at invitation, membership change and sign-off) and the client (which offers only what the
// server would accept). Each role of a response is held by one organisation; only its people
// write or sign for that role, and only its administrators (or an administrator of the
// response who is one of its people) make someone a signatory for it.
import type { z } from 'zod';
import type { Capacity, RoleId } from './model';
import { roleLabel } from './roles';
import type { organisationSettingSchema } from './schemas/organisations';

/** An organisation as the installation names it (COUNTERSIGN_ORGANISATIONS). */
export type Organisation = z.output<typeof organisationSettingSchema>;

/** What the rules need to know of an organisation. */
export interface OrganisationRef {
  id: string;
  name: string;
  domains: string[];
}

/**
 * Without COUNTERSIGN_ORGANISATIONS: one organisation that everyone belongs to, holding every
 * role and creating responses, so an installation behaves as it did before organisations.
 */
export const DEFAULT_ORGANISATION: Organisation = {
  id: 'default',
  name: 'Default organisation',
  domains: ['*'],
  provider: null,
  administrators: [],
  createsResponses: true,
  roles: ['*'],
};

/** The part of an address after its last "@", lower-case. */
export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).trim().toLowerCase();
}

/** How closely a domain rule matches an address's domain: its length, 0 for "*", -1 for no match. */
function matchLength(rule: string, domain: string): number {
  if (rule === '*') return 0;
  return domain === rule || domain.endsWith(`.${rule}`) ? rule.length : -1;
}

/** The organisation an address belongs to: the most specific domain that covers it, or null. */
export function organisationOf<T extends OrganisationRef>(email: string, organisations: readonly T[]): T | null {
  const domain = emailDomain(email);
  let best: T | null = null;
  let bestLength = -1;
  for (const organisation of organisations) {
    for (const rule of organisation.domains) {
      const length = matchLength(rule, domain);
      if (length > bestLength) {
        best = organisation;
        bestLength = length;
      }
    }
  }
  return best;
}

/** Whether an address is one of an organisation's administrators. */
export function administersOrganisation(email: string, organisation: Pick<Organisation, 'administrators'>): boolean {
  const address = email.trim().toLowerCase();
  return organisation.administrators.some((admin) => admin.toLowerCase() === address);
}

/** The ids of the organisations an address administers. */
export function administeredOrganisations(email: string, organisations: readonly Organisation[]): string[] {
  return organisations.filter((organisation) => administersOrganisation(email, organisation)).map((organisation) => organisation.id);
}

/** Whether the person may create responses: only people of an organisation that creates them. */
export function mayCreateResponses(organisation: Pick<Organisation, 'createsResponses'> | null): boolean {
  return organisation?.createsResponses === true;
}

/** Why the person may not create a response, or null. */
export function createResponseProblem(organisation: Pick<Organisation, 'createsResponses' | 'name'> | null): string | null {
  if (mayCreateResponses(organisation)) return null;
  if (!organisation) return 'Your e-mail address belongs to none of the organisations of this installation, so you cannot create responses';
  return `People of ${organisation.name} do not create responses: the organisation that publishes them (the PCC's office) does`;
}

/** The organisation that holds a role in a new response by default: the one that names it, else one that names "*". */
export function defaultHolder(role: RoleId, organisations: readonly Organisation[]): Organisation | null {
  return organisations.find((o) => o.roles.includes(role)) ?? organisations.find((o) => o.roles.includes('*')) ?? null;
}

/** Who holds each role of a new response: the organisation that names it, else the creator's. */
export function initialRoleHolders(roles: readonly RoleId[], creator: Organisation, organisations: readonly Organisation[]): Record<RoleId, string> {
  return Object.fromEntries(roles.map((role) => [role, (defaultHolder(role, organisations) ?? creator).id]));
}

/** Whether a capacity writes or signs for its role (a viewer only reads, whatever its role). */
export function actsForRole(capacity: Capacity): boolean {
  return capacity === 'signatory' || capacity === 'drafter';
}

/** The person asking to give someone a seat. */
export interface Appointer {
  organisationId: string | null;
  /** Administers the response. */
  responseAdministrator: boolean;
  /** The organisations they administer. */
  administersOrganisations: readonly string[];
}

/** A seat: a role and a capacity. */
export interface Seat {
  role: RoleId;
  capacity: Capacity;
}

/** Whether someone may manage a seat at all: a response administrator, or an administrator of the organisation holding its role. */
export function mayManageSeat(actor: Appointer, holder: OrganisationRef | null): boolean {
  return actor.responseAdministrator || (holder !== null && actor.administersOrganisations.includes(holder.id));
}

/**
 * Why a person may not give `target` the seat (at invitation or membership change), in words for
 * the administrator; null when they may. `previous` is the target's seat before a change.
 */
export function appointmentProblem(input: {
  actor: Appointer;
  target: { organisationId: string | null };
  seat: Seat;
  previous?: Seat | null;
  /** The organisation holding the seat's role in this response. */
  holder: OrganisationRef | null;
}): string | null {
  const { actor, target, seat, previous, holder } = input;
  const role = roleLabel(seat.role);
  if (!mayManageSeat(actor, holder)) {
    return `Only an administrator of this response${holder ? `, or of ${holder.name},` : ''} can give someone a seat as ${role}`;
  }
  const unchanged = previous && previous.role === seat.role && previous.capacity === seat.capacity;
  if (unchanged || !actsForRole(seat.capacity)) return null;
  if (!holder) return `No organisation of this installation holds the role ${role}: ask the installation's administrator`;
  if (target.organisationId !== holder.id) {
    return `Only people of ${holder.name} can write or sign for the ${role}: that address is not one of ${holder.name}'s`;
  }
  const becomesSignatory = seat.capacity === 'signatory' && !(previous?.capacity === 'signatory' && previous.role === seat.role);
  const vouches = actor.administersOrganisations.includes(holder.id) || (actor.responseAdministrator && actor.organisationId === holder.id);
  if (becomesSignatory && !vouches) {
    return `Only ${holder.name}'s administrators, or an administrator of this response from ${holder.name}, can make someone a signatory for the ${role}`;
  }
  return null;
}

/** Why a member may not sign off a section of a role, or null: the signer must be of the organisation holding it. */
export function signOffOrganisationProblem(signer: { organisationId: string | null }, role: RoleId, holder: OrganisationRef | null): string | null {
  const label = roleLabel(role);
  if (!holder) return `No organisation of this installation holds the role ${label}, so nobody can sign for it: ask the installation's administrator`;
  if (signer.organisationId !== holder.id) return `Only people of ${holder.name} can sign off for the ${label}`;
  return null;
}
