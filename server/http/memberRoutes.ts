// Members and invitations: routes that parse, call the domain (server/domain/members.ts,
// invitationLinks.ts) and answer.
import { Router, type Request, type Response } from 'express';
import { acceptWithCodeRequest } from '../../shared/schemas/invitations';
import { addMemberRequest, changeMemberRequest } from '../../shared/schemas/requests';
import { sessionPolicyOf, startSession } from '../auth/sessions';
import type { ServerContext } from '../context';
import { acceptSignedIn, acceptWithCode, sendInvitationCode, viewInvitation } from '../domain/invitationLinks';
import {
  acceptMyInvitation,
  changeMember,
  declineMyInvitation,
  inviteMember,
  leaveResponse,
  listInvitations,
  myInvitations,
  removeMember,
  withdrawInvitation,
} from '../domain/members';
import { requireUser } from './authenticate';
import { parseBody } from './errors';
import { setSessionCookie } from './sessionRoutes';

export function memberRoutes(context: ServerContext): Router {
  const router = Router();

  // Adding a member always invites: the same answer for every address (see domain/members.ts).
  const invite = async (req: Request<{ responseId: string }>, res: Response) => {
    const user = requireUser(req);
    const body = parseBody(addMemberRequest, req.body);
    res.status(201).json(await inviteMember(context, user, { responseId: req.params.responseId, ...body }));
  };
  router.post('/responses/:responseId/members', invite);
  router.post('/responses/:responseId/invitations', invite);

  router.get('/responses/:responseId/invitations', async (req, res) => {
    res.json({ invitations: await listInvitations(context, requireUser(req), req.params.responseId) });
  });

  router.delete('/responses/:responseId/invitations/:invitationId', async (req, res) => {
    await withdrawInvitation(context, requireUser(req), { responseId: req.params.responseId, invitationId: req.params.invitationId });
    res.status(204).end();
  });

  router.post('/responses/:responseId/leave', async (req, res) => {
    await leaveResponse(context, requireUser(req), { responseId: req.params.responseId });
    res.status(204).end();
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

  router.get('/me/invitations', async (req, res) => {
    res.json({ invitations: await myInvitations(context, requireUser(req)) });
  });

  router.post('/me/invitations/:invitationId/accept', async (req, res) => {
    res.json(await acceptMyInvitation(context, requireUser(req), req.params.invitationId));
  });

  router.post('/me/invitations/:invitationId/decline', async (req, res) => {
    await declineMyInvitation(context, requireUser(req), req.params.invitationId);
    res.status(204).end();
  });

  router.get('/invitations/:token', async (req, res) => {
    res.json(await viewInvitation(context, req.params.token));
  });

  router.post('/invitations/:token/code', async (req, res) => {
    res.status(202).json(await sendInvitationCode(context, req.params.token));
  });

  /** Signed in as the invited address: joins. Without a session: the mailed code creates the account. */
  router.post('/invitations/:token/accept', async (req, res) => {
    if (req.auth) {
      res.json(await acceptSignedIn(context, req.auth.user, req.params.token));
      return;
    }
    const body = parseBody(acceptWithCodeRequest, req.body);
    const { user, responseId } = await acceptWithCode(context, { token: req.params.token, ...body });
    const session = await startSession(context.store, user.id, sessionPolicyOf(context.config));
    setSessionCookie(res, session, req.secure);
    res.status(201).json({ user, responseId });
  });

  return router;
}
