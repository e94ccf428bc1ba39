import { Router } from 'express';
import type { ServerContext } from '../context';
import { requireUser } from './authenticate';
import { responseForMember } from './memberAccess';
import { responseDetail, responseSummary } from './responseViews';

/** GET /api/responses and /api/responses/:id. */
export function responseRoutes(context: ServerContext): Router {
  const router = Router();

  router.get('/responses', (req, res) => {
    const { user } = requireUser(req);
    const responses = context.store.responses.listForUser(user.id).map((response) => responseSummary(context.store, response));
    res.json({ responses });
  });

  router.get('/responses/:responseId', (req, res) => {
    const { user } = requireUser(req);
    const { response, membership } = responseForMember(context.store, req.params.responseId, user.id);
    res.json(responseDetail(context.store, response, membership));
  });

  router.get('/responses/:responseId/audit', (req, res) => {
    const { user } = requireUser(req);
    const { response } = responseForMember(context.store, req.params.responseId, user.id);
    res.json({ events: context.store.audit.list(response.id) });
  });

  return router;
}
