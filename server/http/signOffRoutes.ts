import { Router } from 'express';
import { reopenRequest, signOffRequest } from '../../shared/schemas/requests';
import type { ServerContext } from '../context';
import { reopenSection, requestSignOff, signOffSection } from '../domain/signOff';
import { requireUser } from './authenticate';
import { parseBody } from './errors';

/** POST .../sections/:sectionId/signoff and /reopen. */
export function signOffRoutes(context: ServerContext): Router {
  const router = Router();

  router.post('/responses/:responseId/sections/:sectionId/signoff', async (req, res) => {
    const user = requireUser(req);
    const { stateVector, expectedHash } = parseBody(signOffRequest, req.body);
    res.json(
      await signOffSection(context, user, {
        responseId: req.params.responseId,
        sectionId: req.params.sectionId,
        clientStateVector: stateVector,
        expectedHash,
        signedInWith: req.auth?.method,
      }),
    );
  });

  router.post('/responses/:responseId/sections/:sectionId/reopen', async (req, res) => {
    const user = requireUser(req);
    const { reason } = parseBody(reopenRequest, req.body);
    res.json(await reopenSection(context, user, { responseId: req.params.responseId, sectionId: req.params.sectionId, reason }));
  });

  /** "Ask for sign-off": tells the section's signatories it is ready. */
  router.post('/responses/:responseId/sections/:sectionId/request-signoff', async (req, res) => {
    res.json(await requestSignOff(context, requireUser(req), { responseId: req.params.responseId, sectionId: req.params.sectionId }));
  });

  return router;
}
