import { Router } from 'express';
import { z } from 'zod';
import { CAPACITIES, type Membership } from '../../shared/model';
import { canAdminister } from '../../shared/permissions';
import { ROLE_ID_PATTERN, roleLabel } from '../../shared/roles';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../auth/passwords';
import { hashToken, newToken, startSession } from '../auth/sessions';
import { announceChange, recordActivity, type ServerContext } from '../context';
import { ID_PATTERN } from '../store/ids';
import { requireUser } from './authenticate';
import { conflict, forbidden, HttpError, notFound, parseBody } from './errors';
import { responseForMember } from './memberAccess';
import { setSessionCookie } from './sessionRoutes';

const INVITATION_LIFETIME_MS = 14 * 24 * 60 * 60 * 1000;

const role = z.string().regex(ROLE_ID_PATTERN, 'must be a role id such as "chief_constable"');
const email = z.string().trim().toLowerCase().pipe(z.email()).pipe(z.string().max(320));
const addSchema = z.object({ email, role, capacity: z.enum(CAPACITIES), administrator: z.boolean().optional() });
const changeSchema = z
  .object({ role: role.optional(), capacity: z.enum(CAPACITIES).optional(), administrator: z.boolean().optional() })
  .refine((body) => Object.keys(body).length > 0, 'give at least one of role, capacity, administrator');
const acceptSchema = z.object({
  name: z.string().trim().min(1).max(200),
  password: z.string().min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`).max(1000),
});

function describe(membership: Membership): string {
  return `${roleLabel(membership.role)}, ${membership.capacity}${membership.administrator ? ', administrator' : ''}`;
}

/** Membership and invitations: administrators only, except accepting an invitation. */
export function memberRoutes(context: ServerContext): Router {
  const router = Router();
  const { store } = context;

  function administeredResponse(responseId: string, userId: string) {
    const access = responseForMember(store, responseId, userId);
    if (!canAdminister(access.membership)) throw forbidden('Only an administrator of this response can change its members');
    return access;
  }

  function ensureAnAdministratorRemains(responseId: string, changingUserId: string, staysAdministrator: boolean): void {
    if (staysAdministrator) return;
    const others = store.responses.listMembers(responseId).filter((m) => m.administrator && m.userId !== changingUserId);
    if (others.length === 0) throw conflict('last_administrator', 'A response must keep at least one administrator');
  }

  async function afterMembershipChange(responseId: string): Promise<void> {
    await context.sync.refreshAccess(responseId);
    announceChange(context, responseId, 'members');
  }

  router.post('/responses/:responseId/members', async (req, res) => {
    const { user } = requireUser(req);
    const { response } = administeredResponse(req.params.responseId, user.id);
    const body = parseBody(addSchema, req.body);
    const member = store.users.findByEmail(body.email);
    if (!member) throw new HttpError(404, 'no_account', 'Nobody has an account with that e-mail address; invite them instead');
    if (store.responses.getMembership(response.id, member.id)) throw conflict('already_member', `${member.name} is already a member`);
    const membership: Membership = { role: body.role, capacity: body.capacity, administrator: body.administrator ?? false };
    store.responses.setMember(response.id, member.id, membership);
    recordActivity(context, { responseId: response.id, actor: { userId: user.id, name: user.name }, action: 'member.added', detail: `${member.name} (${describe(membership)})` });
    await afterMembershipChange(response.id);
    res.status(201).json({ userId: member.id, name: member.name, email: member.email, ...membership });
  });

  router.patch('/responses/:responseId/members/:userId', async (req, res) => {
    const { user } = requireUser(req);
    const { response } = administeredResponse(req.params.responseId, user.id);
    const body = parseBody(changeSchema, req.body);
    const targetId = req.params.userId;
    const current = ID_PATTERN.test(targetId) ? store.responses.getMembership(response.id, targetId) : null;
    const target = current ? store.users.get(targetId) : null;
    if (!current || !target) throw notFound('That member');
    const next: Membership = {
      role: body.role ?? current.role,
      capacity: body.capacity ?? current.capacity,
      administrator: body.administrator ?? current.administrator,
    };
    if (current.administrator) ensureAnAdministratorRemains(response.id, targetId, next.administrator);
    store.responses.setMember(response.id, targetId, next);
    recordActivity(context, { responseId: response.id, actor: { userId: user.id, name: user.name }, action: 'member.changed', detail: `${target.name}: ${describe(current)} -> ${describe(next)}` });
    await afterMembershipChange(response.id);
    res.json({ userId: target.id, name: target.name, email: target.email, ...next });
  });

  router.delete('/responses/:responseId/members/:userId', async (req, res) => {
    const { user } = requireUser(req);
    const { response } = administeredResponse(req.params.responseId, user.id);
    const targetId = req.params.userId;
    const current = ID_PATTERN.test(targetId) ? store.responses.getMembership(response.id, targetId) : null;
    const target = current ? store.users.get(targetId) : null;
    if (!current || !target) throw notFound('That member');
    if (current.administrator) ensureAnAdministratorRemains(response.id, targetId, false);
    store.responses.removeMember(response.id, targetId);
    recordActivity(context, { responseId: response.id, actor: { userId: user.id, name: user.name }, action: 'member.removed', detail: `${target.name} (${describe(current)})` });
    await afterMembershipChange(response.id);
    res.status(204).end();
  });

  router.post('/responses/:responseId/invitations', (req, res) => {
    const { user } = requireUser(req);
    const { response } = administeredResponse(req.params.responseId, user.id);
    const body = parseBody(addSchema, req.body);
    if (store.users.findByEmail(body.email)) {
      throw conflict('has_account', 'That person already has an account; add them as a member instead');
    }
    const token = newToken();
    const expiresAt = new Date(Date.now() + INVITATION_LIFETIME_MS).toISOString();
    store.invitations.create(hashToken(token), {
      responseId: response.id,
      email: body.email,
      role: body.role,
      capacity: body.capacity,
      administrator: body.administrator ?? false,
      createdBy: user.id,
      expiresAt,
    });
    recordActivity(context, { responseId: response.id, actor: { userId: user.id, name: user.name }, action: 'member.invited', detail: `${body.email} (${describe({ role: body.role, capacity: body.capacity, administrator: body.administrator ?? false })})` });
    res.status(201).json({ url: `/invite/${token}`, expiresAt });
  });

  router.get('/invitations/:token', (req, res) => {
    const invitation = store.invitations.findOpen(hashToken(req.params.token));
    if (!invitation) throw notFound('That invitation (it may have been used or have expired)');
    const response = store.responses.get(invitation.responseId);
    res.json({
      email: invitation.email,
      responseTitle: response?.title ?? '',
      role: invitation.role,
      capacity: invitation.capacity,
    });
  });

  router.post('/invitations/:token/accept', async (req, res) => {
    const tokenHash = hashToken(req.params.token);
    const invitation = store.invitations.findOpen(tokenHash);
    if (!invitation) throw notFound('That invitation (it may have been used or have expired)');
    const body = parseBody(acceptSchema, req.body);
    if (store.users.findByEmail(invitation.email)) throw conflict('has_account', 'An account with this e-mail address exists; sign in instead');
    const passwordHash = await hashPassword(body.password);
    const user = store.transaction(() => {
      if (!store.invitations.markAccepted(tokenHash)) throw conflict('invitation_used', 'This invitation has just been used');
      const created = store.users.create({ email: invitation.email, name: body.name, passwordHash });
      store.responses.setMember(invitation.responseId, created.id, {
        role: invitation.role,
        capacity: invitation.capacity,
        administrator: invitation.administrator,
      });
      return created;
    });
    recordActivity(context, { responseId: invitation.responseId, actor: { userId: user.id, name: user.name }, action: 'member.joined', detail: `${user.name} accepted an invitation` });
    announceChange(context, invitation.responseId, 'members');
    const { token, expiresAt } = startSession(store, user.id);
    setSessionCookie(res, token, expiresAt, req.secure);
    res.status(201).json({ user, responseId: invitation.responseId });
  });

  return router;
}
