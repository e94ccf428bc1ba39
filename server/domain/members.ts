// Membership and invitations. Nobody is added to a response without their consent: adding a
// member by e-mail always makes an invitation, whatever the address, and answers the same way
// whether or not it has an account. Accepting one needs proof of the address: a session for it
// (someone with an account, or who signs in through a provider that vouches for it), or a
// one-time code mailed to it. Members may leave; seats follow the organisations' rules.
import type { InvitationCreated, InvitationInfo, Member, User } from '../../shared/api';
import type { Capacity, Membership, RoleId } from '../../shared/model';
import { appointmentProblem, mayManageSeat, type OrganisationRef } from '../../shared/organisations';
import { canManageMembers } from '../../shared/permissions';
import { roleLabel } from '../../shared/roles';
import type { ServerContext } from '../context';
import { appUrl, enqueueMail } from '../mail/outbox';
import { hashToken, newToken } from '../auth/sessions';
import { ID_PATTERN } from '../store/ids';
import type { Invitation, ResponseRecord } from '../store/records';
import type { Stores } from '../store/Store';
import { memberAccess } from './access';
import { actorOf, announceChange, recordActivity } from './activity';
import { conflict, forbidden, notFound } from './errors';
import { announceNotifications, notify } from './notify';
import { appointerOf, claimRole, holderOf, organisationOfEmail } from './organisations';

/** How long an invitation link works. */
export const INVITATION_LIFETIME_MS = 14 * 24 * 60 * 60 * 1000;

type Seat = { role: RoleId; capacity: Capacity; administrator?: boolean };

function describe(membership: Membership): string {
  return `${roleLabel(membership.role)}, ${membership.capacity}${membership.administrator ? ', administrator' : ''}`;
}

function ref(holder: { id: string; name: string; domains: string[] } | null): OrganisationRef | null {
  return holder ? { id: holder.id, name: holder.name, domains: holder.domains } : null;
}

/** The response and the caller's membership, while its members may change. */
async function openResponse(context: ServerContext, user: User, responseId: string): Promise<{ response: ResponseRecord; membership: Membership }> {
  const access = await memberAccess(context.store, responseId, user.id);
  if (access.response.state !== 'drafting') throw conflict('published', 'The response is published; its members can no longer change');
  return access;
}

/** The response, if the caller administers it now. */
async function administeredResponse(context: ServerContext, user: User, responseId: string): Promise<ResponseRecord> {
  const { response, membership } = await openResponse(context, user, responseId);
  if (!canManageMembers(membership, response)) throw forbidden('Only an administrator of this response can change its members');
  return response;
}

/** Refuses a seat the organisations' rules do not allow (403 with the reason). */
async function checkAppointment(
  context: ServerContext,
  input: { user: User; membership: Membership; responseId: string; targetEmail: string; seat: Seat; previous?: Membership | null },
): Promise<void> {
  const { config, store } = context;
  const holder = ref(await holderOf(config, store, input.responseId, input.seat.role));
  const actor = appointerOf(config, input.user, input.membership);
  if (!mayManageSeat(actor, holder)) throw forbidden('Only an administrator of this response can change its members');
  const grantsAdministrator = input.seat.administrator === true && !input.previous?.administrator;
  if (grantsAdministrator && !input.membership.administrator) throw forbidden('Only an administrator of this response can make someone an administrator of it');
  const problem = appointmentProblem({
    actor,
    target: { organisationId: organisationOfEmail(config, input.targetEmail)?.id ?? null },
    seat: input.seat,
    previous: input.previous ?? null,
    holder,
  });
  if (problem) throw forbidden(problem, 'organisation_rule');
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

/** An invitation as the API shows it. */
async function invitationInfo(store: Stores, invitation: Invitation, responseTitle?: string): Promise<InvitationInfo> {
  const [title, inviter] = await Promise.all([
    responseTitle ?? store.responses.get(invitation.responseId).then((r) => r?.title ?? ''),
    store.users.get(invitation.createdBy),
  ]);
  return {
    id: invitation.id,
    responseId: invitation.responseId,
    responseTitle: title,
    email: invitation.email,
    role: invitation.role,
    capacity: invitation.capacity,
    administrator: invitation.administrator,
    invitedBy: inviter ? { userId: inviter.id, name: inviter.name } : null,
    createdAt: invitation.createdAt,
    expiresAt: invitation.expiresAt,
  };
}

/**
 * Invites an address to a seat: the same answer, and the same mail to the address, whether or
 * not it has an account. Someone with an account also finds it on their dashboard and in their
 * notifications. The link is shown to the administrator as well; it only works with proof of
 * the address.
 */
export async function inviteMember(context: ServerContext, user: User, command: { responseId: string; email: string } & Seat): Promise<InvitationCreated> {
  const { store } = context;
  const { response, membership } = await openResponse(context, user, command.responseId);
  const email = command.email.trim().toLowerCase();
  const seat: Membership = { role: command.role, capacity: command.capacity, administrator: command.administrator ?? false };
  await checkAppointment(context, { user, membership, responseId: response.id, targetEmail: email, seat });
  const account = await store.users.findByEmail(email);
  if (account && (await store.members.get(response.id, account.id))) throw conflict('already_member', `${account.name} is already a member of this response`);

  const token = newToken();
  const url = `/invite/${token}`;
  const expiresAt = new Date(context.clock().getTime() + INVITATION_LIFETIME_MS).toISOString();
  const what = `${roleLabel(seat.role)} (${seat.capacity}${seat.administrator ? ', administrator' : ''})`;
  const mail = {
    subject: `Invitation to “${response.title}” on Countersign`,
    paragraphs: [
      `${user.name} has invited you to “${response.title}” on Countersign, as ${what}.`,
      'To accept, open the invitation. If you have a Countersign account for this address, sign in with it. If not, you can create one there: signing in with your organisation’s account, or a code sent to this address, shows that the address is yours.',
      'Nothing happens unless you accept. The invitation works for 14 days.',
    ],
    action: { label: 'See the invitation', url: appUrl(context, url) },
    replyTo: { address: user.email, name: user.name },
  };
  const reason = `You received this because ${user.name} invited ${email} to a response on Countersign.`;

  const { invitation, notified } = await store.transaction(async (tx) => {
    await claimRole(context.config, tx, response.id, seat.role);
    const invitation = await tx.invitations.create(hashToken(token), { responseId: response.id, email, ...seat, createdBy: user.id, expiresAt });
    const key = `invitation:${invitation.id}`;
    if (account) {
      const record = await notify(context, tx, account, {
        key,
        kind: 'invitation',
        responseId: null,
        title: `${user.name} invited you to “${response.title}” as ${what}`,
        actorName: user.name,
        path: '/#invitations',
        mail: { ...mail, reason },
      });
      return { invitation, notified: record };
    }
    await enqueueMail(context, tx, { ...mail, key, kind: 'invitation', to: { address: email, name: null }, footer: { reason, preferencesUrl: null } });
    return { invitation, notified: null };
  });
  await announceNotifications(context, [notified]);
  await recordActivity(context, { responseId: response.id, actor: actorOf(user), action: 'member.invited', detail: `${email} (${describe(seat)})` });
  announceChange(context, response.id, 'invitations');
  return { invitation: await invitationInfo(store, invitation, response.title), url, expiresAt };
}

/** The open invitations of a response (its administrators). */
export async function listInvitations(context: ServerContext, user: User, responseId: string): Promise<InvitationInfo[]> {
  const { response, membership } = await memberAccess(context.store, responseId, user.id);
  if (!membership.administrator) throw forbidden('Only an administrator of this response can see its invitations');
  const open = await context.store.invitations.listOpenForResponse(response.id, context.clock());
  return Promise.all(open.map((invitation) => invitationInfo(context.store, invitation, response.title)));
}

/** Withdraws an open invitation (an administrator of its response). */
export async function withdrawInvitation(context: ServerContext, user: User, command: { responseId: string; invitationId: string }): Promise<void> {
  const response = await administeredResponse(context, user, command.responseId);
  const invitation = ID_PATTERN.test(command.invitationId) ? await context.store.invitations.getOpen(command.invitationId, context.clock()) : null;
  if (!invitation || invitation.responseId !== response.id) throw notFound('That invitation');
  await context.store.invitations.close(invitation.id, 'withdrawn', context.clock());
  await recordActivity(context, { responseId: response.id, actor: actorOf(user), action: 'member.invitation_withdrawn', detail: invitation.email });
  announceChange(context, response.id, 'invitations');
}

/** The caller's open invitations (to their address), for the dashboard. */
export async function myInvitations(context: ServerContext, user: User): Promise<InvitationInfo[]> {
  const open = await context.store.invitations.listOpenForEmail(user.email, context.clock());
  return Promise.all(open.map((invitation) => invitationInfo(context.store, invitation)));
}

/** An open invitation to the caller's own address, by id. */
async function ownInvitation(context: ServerContext, user: User, invitationId: string): Promise<Invitation> {
  const invitation = ID_PATTERN.test(invitationId) ? await context.store.invitations.getOpen(invitationId, context.clock()) : null;
  if (!invitation || invitation.email.toLowerCase() !== user.email.toLowerCase()) throw notFound('That invitation (it may have been used, withdrawn or have expired)');
  return invitation;
}

/**
 * Makes the invitee a member: they have proved the address (a session for it, or a code). The
 * seat is checked again against the organisations' rules, which may have changed since.
 */
export async function join(context: ServerContext, user: User, invitation: Invitation, tx?: Stores): Promise<void> {
  const store = tx ?? context.store;
  const holder = ref(await holderOf(context.config, store, invitation.responseId, invitation.role));
  const problem = appointmentProblem({
    // The seat was vouched for at invitation; what remains to check is the invitee's organisation.
    actor: { organisationId: holder?.id ?? null, responseAdministrator: true, administersOrganisations: holder ? [holder.id] : [] },
    target: { organisationId: organisationOfEmail(context.config, user.email)?.id ?? null },
    seat: invitation,
    holder,
  });
  if (problem) throw forbidden(problem, 'organisation_rule');
  const response = await store.responses.get(invitation.responseId);
  if (response?.state !== 'drafting') throw conflict('published', 'The response is published; nobody can join it now');
  const work = async (stores: Stores) => {
    if (!(await stores.invitations.close(invitation.id, 'accepted', context.clock()))) throw conflict('invitation_used', 'This invitation has just been used');
    if (await stores.members.get(invitation.responseId, user.id)) return;
    await stores.members.set(invitation.responseId, user.id, { role: invitation.role, capacity: invitation.capacity, administrator: invitation.administrator });
  };
  if (tx) await work(tx);
  else await context.store.transaction(work);
}

/** After someone joined: on the record, and open pages refreshed. */
export async function afterJoining(context: ServerContext, user: User, responseId: string): Promise<void> {
  await recordActivity(context, { responseId, actor: actorOf(user), action: 'member.joined', detail: `${user.name} accepted an invitation` });
  await afterMembershipChange(context, responseId);
}

/** Accepts one of the caller's invitations (from the dashboard). */
export async function acceptMyInvitation(context: ServerContext, user: User, invitationId: string): Promise<{ responseId: string }> {
  const invitation = await ownInvitation(context, user, invitationId);
  await join(context, user, invitation);
  await afterJoining(context, user, invitation.responseId);
  return { responseId: invitation.responseId };
}

/** Declines one of the caller's invitations. */
export async function declineMyInvitation(context: ServerContext, user: User, invitationId: string): Promise<void> {
  const invitation = await ownInvitation(context, user, invitationId);
  await context.store.invitations.close(invitation.id, 'declined', context.clock());
  await recordActivity(context, { responseId: invitation.responseId, actor: actorOf(user), action: 'member.declined', detail: `${user.name} declined an invitation` });
  announceChange(context, invitation.responseId, 'invitations');
}

/** Changes a member's seat: the organisations' rules apply as at invitation. */
export async function changeMember(
  context: ServerContext,
  user: User,
  command: { responseId: string; userId: string; role?: RoleId; capacity?: Capacity; administrator?: boolean },
): Promise<Member> {
  const { store } = context;
  const { response, membership } = await openResponse(context, user, command.responseId);
  const { current, target } = await existingMember(store, response, command.userId);
  const next: Membership = {
    role: command.role ?? current.role,
    capacity: command.capacity ?? current.capacity,
    administrator: command.administrator ?? current.administrator,
  };
  if (next.administrator !== current.administrator && !membership.administrator) {
    throw forbidden('Only an administrator of this response can change who administers it');
  }
  await checkAppointment(context, { user, membership, responseId: response.id, targetEmail: target.email, seat: next, previous: current });
  // An organisation's administrator who does not administer the response manages only the seats of its roles.
  if (!membership.administrator) await checkAppointment(context, { user, membership, responseId: response.id, targetEmail: target.email, seat: current, previous: current });
  if (current.administrator) await ensureAnAdministratorRemains(store, response.id, target.id, next.administrator);
  await claimRole(context.config, store, response.id, next.role);
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

/** Leaves a response (anyone but its last administrator); their open pages and editors are closed. */
export async function leaveResponse(context: ServerContext, user: User, command: { responseId: string }): Promise<void> {
  const { store } = context;
  const { response, membership } = await memberAccess(store, command.responseId, user.id);
  if (membership.administrator) await ensureAnAdministratorRemains(store, response.id, user.id, false);
  await store.members.remove(response.id, user.id);
  await recordActivity(context, { responseId: response.id, actor: actorOf(user), action: 'member.left', detail: `${user.name} (${describe(membership)}) left the response` });
  await afterMembershipChange(context, response.id);
}
