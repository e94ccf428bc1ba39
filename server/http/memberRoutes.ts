// Members and invitations: routes that parse, call the domain (server/domain/members.ts) and answer.
import { Router } from 'express';
import { acceptInvitationRequest, addMemberRequest, changeMemberRequest } from '../../shared/schemas/requests';
import { sessionPolicyOf, startSession } from '../auth/sessions';
import type { ServerContext } from '../context';
import { acceptInvitation, addMember, changeMember, inviteMember, removeMember, viewInvitation } from '../domain/members';
import { requireUser } from './authenticate';
import { parseBody } from './errors';
import { setSessionCookie } from './sessionRoutes';

export function memberRoutes(context: ServerContext): Router {
  const router = Router();

  router.post('/responses/:responseId/members', async (req, res) => {
    const user = requireUser(req);
    const body = parseBody(addMemberRequest, req.body);
    res.status(201).json(await addMember(context, user, { responseId: req.params.responseId, ...body }));
  });

  router.patch('/responses/:responseId/members/:userId', async (req, res) => {
    const user = requireUser(req);
    const body = parseBody(changeMemberRequest, req.body);
    res.json(await changeMember(context, user, { responseId: req.params.responseId, userId: req.params.userId, ...body }));
  });

  router.delete('/responses/:responseId/members/:userId', async (req, res) => {
    await removeMember(context, requireUser(req), { responseId: req.params.responseId, userId: req.params.userId });
    res.status(204).end();
  });

  router.post('/responses/:responseId/invitations', async (req, res) => {
    const user = requireUser(req);
    const body = parseBody(addMemberRequest, req.body);
    res.status(201).json(await inviteMember(context, user, { responseId: req.params.responseId, ...body }));
  });

  router.get('/invitations/:token', async (req, res) => {
    res.json(await viewInvitation(context, req.params.token));
  });

  router.post('/invitations/:token/accept', async (req, res) => {
    const body = parseBody(acceptInvitationRequest, req.body);
    const { user, responseId } = await acceptInvitation(context, { token: req.params.token, ...body });
    const session = await startSession(context.store, user.id, sessionPolicyOf(context.config));
    setSessionCookie(res, session, req.secure);
    res.status(201).json({ user, responseId });
  });

  return router;
}
