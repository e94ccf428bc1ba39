// Membership and invitations: administrators only, except accepting an invitation.
import type { InvitationLink, InvitationView, Member, User } from '../../shared/api';
import type { Capacity, Membership, RoleId } from '../../shared/model';
import { canManageMembers } from '../../shared/permissions';
import { roleLabel } from '../../shared/roles';
import { passwordProblem } from '../auth/passwordPolicy';
import { hashPassword } from '../auth/passwords';
import { hashToken, newToken } from '../auth/sessions';
import type { ServerContext } from '../context';
import { ID_PATTERN } from '../store/ids';
import type { ResponseRecord } from '../store/records';
import type { Stores } from '../store/Store';
import { memberAccess } from './access';
import { actorOf, announceChange, recordActivity } from './activity';
import { conflict, DomainError, forbidden, invalid, notFound } from './errors';

const INVITATION_LIFETIME_MS = 14 * 24 * 60 * 60 * 1000;

function describe(membership: Membership): string {
  return `${roleLabel(membership.role)}, ${membership.capacity}${membership.administrator ? ', administrator' : ''}`;
}

/** The response, if the caller may change its members now. */
async function administeredResponse(context: ServerContext, user: User, responseId: string): Promise<ResponseRecord> {
  const { response, membership } = await memberAccess(context.store, responseId, user.id);
  if (response.state !== 'drafting') throw conflict('published', 'The response is published; its members can no longer change');
  if (!canManageMembers(membership, response)) throw forbidden('Only an administrator of this response can change its members');
  return response;
}

async function ensureAnAdministratorRemains(store: Stores, responseId: string, changingUserId: string, staysAdministrator: boolean): Promise<void> {
  if (staysAdministrator) return;
  const others = (await store.members.list(responseId)).filter((m) => m.administrator && m.userId !== changingUserId);
  if (others.length === 0) throw conflict('last_administrator', 'A response must keep at least one administrator');
}

async function afterMembershipChange(context: ServerContext, responseId: string): Promise<void> {
  await context.sync.refreshAccess(responseId);
  announceChange(context, responseId, 'members');
}

async function existingMember(store: Stores, response: ResponseRecord, userId: string): Promise<{ current: Membership; target: User }> {
  const current = ID_PATTERN.test(userId) ? await store.members.get(response.id, userId) : null;
  const target = current ? await store.users.get(userId) : null;
  if (!current || !target) throw notFound('That member');
  return { current, target };
}

type Seat = { role: RoleId; capacity: Capacity; administrator?: boolean };

/** Adds someone who has an account as a member. */
export async function addMember(context: ServerContext, user: User, command: { responseId: string; email: string } & Seat): Promise<Member> {
  const { store } = context;
  const response = await administeredResponse(context, user, command.responseId);
  const member = await store.users.findByEmail(command.email);
  if (!member) throw new DomainError('not_found', 'no_account', 'Nobody has an account with that e-mail address; invite them instead');
  if (await store.members.get(response.id, member.id)) throw conflict('already_member', `${member.name} is already a member`);
  const membership: Membership = { role: command.role, capacity: command.capacity, administrator: command.administrator ?? false };
  await store.members.set(response.id, member.id, membership);
  await recordActivity(context, { responseId: response.id, actor: actorOf(user), action: 'member.added', detail: `${member.name} (${describe(membership)})` });
  await afterMembershipChange(context, response.id);
  return { userId: member.id, name: member.name, email: member.email, ...membership };
}

/** Changes a member's role, capacity or administrator flag. */
export async function changeMember(
  context: ServerContext,
  user: User,
  command: { responseId: string; userId: string; role?: RoleId; capacity?: Capacity; administrator?: boolean },
): Promise<Member> {
  const { store } = context;
  const response = await administeredResponse(context, user, command.responseId);
  const { current, target } = await existingMember(store, response, command.userId);
  const next: Membership = {
    role: command.role ?? current.role,
    capacity: command.capacity ?? current.capacity,
    administrator: command.administrator ?? current.administrator,
  };
  if (current.administrator) await ensureAnAdministratorRemains(store, response.id, target.id, next.administrator);
  await store.members.set(response.id, target.id, next);
  await recordActivity(context, { responseId: response.id, actor: actorOf(user), action: 'member.changed', detail: `${target.name}: ${describe(current)} -> ${describe(next)}` });
  await afterMembershipChange(context, response.id);
  return { userId: target.id, name: target.name, email: target.email, ...next };
}

/** Removes a member; their open pages and editors are closed. */
export async function removeMember(context: ServerContext, user: User, command: { responseId: string; userId: string }): Promise<void> {
  const { store } = context;
  const response = await administeredResponse(context, user, command.responseId);
  const { current, target } = await existingMember(store, response, command.userId);
  if (current.administrator) await ensureAnAdministratorRemains(store, response.id, target.id, false);
  await store.members.remove(response.id, target.id);
  await recordActivity(context, { responseId: response.id, actor: actorOf(user), action: 'member.removed', detail: `${target.name} (${describe(current)})` });
  await afterMembershipChange(context, response.id);
}

/** An invitation link for someone who has no account yet. */
export async function inviteMember(context: ServerContext, user: User, command: { responseId: string; email: string } & Seat): Promise<InvitationLink> {
  const { store } = context;
  const response = await administeredResponse(context, user, command.responseId);
  if (await store.users.findByEmail(command.email)) {
    throw conflict('has_account', 'That person already has an account; add them as a member instead');
  }
  const token = newToken();
  const expiresAt = new Date(Date.now() + INVITATION_LIFETIME_MS).toISOString();
  const seat: Membership = { role: command.role, capacity: command.capacity, administrator: command.administrator ?? false };
  await store.invitations.create(hashToken(token), { responseId: response.id, email: command.email, ...seat, createdBy: user.id, expiresAt });
  await recordActivity(context, { responseId: response.id, actor: actorOf(user), action: 'member.invited', detail: `${command.email} (${describe(seat)})` });
  return { url: `/invite/${token}`, expiresAt };
}

/** What an invitation offers, for its link's page. */
export async function viewInvitation(context: ServerContext, token: string): Promise<InvitationView> {
  const invitation = await context.store.invitations.findOpen(hashToken(token));
  if (!invitation) throw notFound('That invitation (it may have been used or have expired)');
  const response = await context.store.responses.get(invitation.responseId);
  return { email: invitation.email, responseTitle: response?.title ?? '', role: invitation.role, capacity: invitation.capacity };
}

/** Creates the invitee's account and membership; the caller starts their session. */
export async function acceptInvitation(
  context: ServerContext,
  command: { token: string; name: string; password: string },
): Promise<{ user: User; responseId: string }> {
  const { store } = context;
  const tokenHash = hashToken(command.token);
  const invitation = await store.invitations.findOpen(tokenHash);
  if (!invitation) throw notFound('That invitation (it may have been used or have expired)');
  if (await store.users.findByEmail(invitation.email)) throw conflict('has_account', 'An account with this e-mail address exists; sign in instead');
  const problem = passwordProblem(command.password, { email: invitation.email, name: command.name });
  if (problem) throw invalid(`password: ${problem}`, 'weak_password');
  const passwordHash = await hashPassword(command.password);
  const user = await store.transaction(async (tx) => {
    if (!(await tx.invitations.markAccepted(tokenHash))) throw conflict('invitation_used', 'This invitation has just been used');
    const created = await tx.users.create({ email: invitation.email, name: command.name, passwordHash });
    await tx.members.set(invitation.responseId, created.id, { role: invitation.role, capacity: invitation.capacity, administrator: invitation.administrator });
    return created;
  });
  await recordActivity(context, { responseId: invitation.responseId, actor: actorOf(user), action: 'member.joined', detail: `${user.name} accepted an invitation` });
  announceChange(context, invitation.responseId, 'members');
  return { user, responseId: invitation.responseId };
}
