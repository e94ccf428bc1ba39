import { Router } from 'express';
import * as Y from 'yjs';
import { z } from 'zod';
import { reopenSection, signOffSection } from '../signoff/signOffSection';
import type { ServerContext } from '../context';
import { requireUser } from './authenticate';
import { parseBody } from './errors';
import { responseForMember } from './memberAccess';

const reopenSchema = z.object({ reason: z.string().trim().min(1, 'give a reason for reopening').max(2000) });
const signOffSchema = z.object({
  /** The signer's copy of the section, as a base64 Yjs state vector: sign-off waits until the server has it all. */
  stateVector: z
    .string()
    .max(100_000)
    .transform((encoded, ctx) => {
      try {
        return Y.decodeStateVector(Buffer.from(encoded, 'base64'));
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be a base64-encoded Yjs state vector' });
        return z.NEVER;
      }
    })
    .optional(),
});

/** POST .../sections/:sectionId/signoff and /reopen. */
export function signOffRoutes(context: ServerContext): Router {
  const router = Router();

  router.post('/responses/:responseId/sections/:sectionId/signoff', async (req, res) => {
    const { user } = requireUser(req);
    const { response, membership } = responseForMember(context.store, req.params.responseId, user.id);
    const { stateVector } = parseBody(signOffSchema, req.body);
    res.json(await signOffSection(context, { user, response, membership, sectionId: req.params.sectionId, clientStateVector: stateVector }));
  });

  router.post('/responses/:responseId/sections/:sectionId/reopen', async (req, res) => {
    const { user } = requireUser(req);
    const { response, membership } = responseForMember(context.store, req.params.responseId, user.id);
    const { reason } = parseBody(reopenSchema, req.body);
    res.json(await reopenSection(context, { user, response, membership, sectionId: req.params.sectionId, reason }));
  });

  return router;
}
