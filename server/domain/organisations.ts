// The installation's organisations as the domain uses them: whose is an address, who holds a
// role of a response, and what a person may appoint (the rules are shared/organisations.ts).
import type { AccountBody } from '../../shared/api';
import type { Membership, RoleId } from '../../shared/model';
import {
  administeredOrganisations,
  defaultHolder,
  mayCreateResponses,
  organisationOf,
  type Appointer,
  type Organisation,
} from '../../shared/organisations';
import { PCC_ROLE } from '../../shared/permissions';
import type { Config } from '../config';
import type { Stores } from '../store/Store';

type OrganisationConfig = Pick<Config, 'organisations' | 'oidcProviders'>;

/** The organisation an address belongs to, or null. */
export function organisationOfEmail(config: OrganisationConfig, email: string): Organisation | null {
  return organisationOf(email, config.organisations);
}

/** An organisation by id, or null (one removed from the settings holds nothing). */
export function organisationById(config: OrganisationConfig, id: string | undefined): Organisation | null {
  return config.organisations.find((organisation) => organisation.id === id) ?? null;
}

/** Who holds a role of a response: as recorded, else the default holder of that role, else the holder of the PCC's role. */
function resolveHolder(config: OrganisationConfig, recorded: Record<RoleId, string>, role: RoleId): Organisation | null {
  if (recorded[role] !== undefined) return organisationById(config, recorded[role]);
  const byDefault = defaultHolder(role, config.organisations);
  if (byDefault) return byDefault;
  if (role !== PCC_ROLE) return resolveHolder(config, recorded, PCC_ROLE);
  return config.organisations.find((organisation) => organisation.createsResponses) ?? null;
}

/** The organisation holding a role of a response, or null. */
export async function holderOf(config: OrganisationConfig, store: Stores, responseId: string, role: RoleId): Promise<Organisation | null> {
  return resolveHolder(config, await store.roleHolders.list(responseId), role);
}

/** The holder of each of the given roles of a response. */
export async function holdersOf(config: OrganisationConfig, store: Stores, responseId: string, roles: Iterable<RoleId>): Promise<Map<RoleId, Organisation | null>> {
  const recorded = await store.roleHolders.list(responseId);
  return new Map([...new Set(roles)].map((role) => [role, resolveHolder(config, recorded, role)]));
}

/** Records who holds a role the response did not use before (the holder it would resolve to now). */
export async function claimRole(config: OrganisationConfig, store: Stores, responseId: string, role: RoleId): Promise<void> {
  const recorded = await store.roleHolders.list(responseId);
  if (recorded[role] !== undefined) return;
  const holder = resolveHolder(config, recorded, role);
  if (holder) await store.roleHolders.claim(responseId, role, holder.id);
}

/** A person as the appointment rules see them. */
export function appointerOf(config: OrganisationConfig, user: { email: string }, membership: Membership | null): Appointer {
  return {
    organisationId: organisationOfEmail(config, user.email)?.id ?? null,
    responseAdministrator: membership?.administrator === true,
    administersOrganisations: administeredOrganisations(user.email, config.organisations),
  };
}

/** Whether an address administers the installation (any of its organisations): they see the outbox. */
export function administersInstallation(config: OrganisationConfig, email: string): boolean {
  return administeredOrganisations(email, config.organisations).length > 0;
}

/** A session's sign-in method in words, for the sign-off record: the provider's name, or "local password". */
export function identityCheckOf(config: OrganisationConfig, method: string | undefined): string {
  if (method?.startsWith('oidc:')) {
    const provider = config.oidcProviders.find((p) => `oidc:${p.id}` === method);
    return provider ? provider.name : 'single sign-on';
  }
  return 'local password';
}

/** `GET /api/account`: who the caller is, their organisation and what it lets them do. */
export function accountOf(config: OrganisationConfig, user: AccountBody['user'], method: string | undefined): AccountBody {
  const organisation = organisationOfEmail(config, user.email);
  return {
    user,
    organisation: organisation ? { id: organisation.id, name: organisation.name, domains: organisation.domains, createsResponses: organisation.createsResponses } : null,
    mayCreateResponses: mayCreateResponses(organisation),
    administersOrganisations: administeredOrganisations(user.email, config.organisations),
    administersInstallation: administersInstallation(config, user.email),
    signedInWith: identityCheckOf(config, method),
  };
}

/** The organisations as the API shows them. */
export function organisationViews(config: OrganisationConfig) {
  return config.organisations.map((o) => ({ id: o.id, name: o.name, domains: o.domains, createsResponses: o.createsResponses }));
}
