import { Router } from 'express';
import { z } from 'zod';
import { reopenSection, signOffSection } from '../signoff/signOffSection';
import type { ServerContext } from '../context';
import { requireUser } from './authenticate';
import { parseBody } from './errors';
import { responseForMember } from './memberAccess';

const reopenSchema = z.object({ reason: z.string().trim().min(1, 'give a reason for reopening').max(2000) });

/** POST .../sections/:sectionId/signoff and /reopen. */
export function signOffRoutes(context: ServerContext): Router {
  const router = Router();

  router.post('/responses/:responseId/sections/:sectionId/signoff', async (req, res) => {
    const { user } = requireUser(req);
    const { response, membership } = responseForMember(context.store, req.params.responseId, user.id);
    res.json(await signOffSection(context, { user, response, membership, sectionId: req.params.sectionId }));
  });

  router.post('/responses/:responseId/sections/:sectionId/reopen', async (req, res) => {
    const { user } = requireUser(req);
    const { response, membership } = responseForMember(context.store, req.params.responseId, user.id);
    const { reason } = parseBody(reopenSchema, req.body);
    res.json(await reopenSection(context, { user, response, membership, sectionId: req.params.sectionId, reason }));
  });

  return router;
}
