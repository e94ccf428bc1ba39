import { Router } from 'express';
import { z } from 'zod';
import { MAX_AUDIT_PAGE } from '../../shared/limits';
import type { ServerContext } from '../context';
import { memberAccess } from '../domain/access';
import { responseDetail, responseSummary } from '../domain/views';
import { requireUser } from './authenticate';
import { parseBody } from './errors';

const auditQuery = z.object({
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(MAX_AUDIT_PAGE).optional(),
});

/** GET /api/responses, /api/responses/:id and its activity record. */
export function responseRoutes(context: ServerContext): Router {
  const router = Router();
  const { store } = context;

  router.get('/responses', async (req, res) => {
    const user = requireUser(req);
    const responses = await store.responses.getMany(await store.members.responseIdsOf(user.id));
    res.json({ responses: await Promise.all(responses.map((response) => responseSummary(store, response))) });
  });

  router.get('/responses/:responseId', async (req, res) => {
    const user = requireUser(req);
    const { response, membership } = await memberAccess(store, req.params.responseId, user.id);
    res.json(await responseDetail(store, response, membership, context.config));
  });

  /** A page of the activity record, oldest first: the latest entries, or those before `?before=`. */
  router.get('/responses/:responseId/audit', async (req, res) => {
    const user = requireUser(req);
    const { response } = await memberAccess(store, req.params.responseId, user.id);
    const query = parseBody(auditQuery, req.query);
    const limit = query.limit ?? 200;
    // One more than asked tells whether an older page exists.
    const events = await store.audit.list(response.id, { before: query.before, limit: limit + 1 });
    const older = events.length > limit;
    const page = older ? events.slice(1) : events;
    res.json({ events: page, nextBefore: older ? (page[0]?.id ?? null) : null });
  });

  return router;
}
