// Setting up a response: routes that parse, call the domain (server/domain/setup.ts) and answer.
import { Router } from 'express';
import {
  addSectionRequest,
  changeResponseRequest,
  changeSectionRequest,
  createResponseRequest,
  importRecommendationsRequest,
  reorderSectionsRequest,
} from '../../shared/schemas/requests';
import type { ServerContext } from '../context';
import { addSection, changeResponse, changeSection, createResponse, importRecommendations, removeSection, reorderSections } from '../domain/setup';
import { requireUser } from './authenticate';
import { parseBody } from './errors';

/** POST /api/responses, PATCH /api/responses/:id, recommendations import, and section set-up. */
export function setupRoutes(context: ServerContext): Router {
  const router = Router();

  router.post('/responses', async (req, res) => {
    res.status(201).json(await createResponse(context, requireUser(req), parseBody(createResponseRequest, req.body)));
  });

  router.patch('/responses/:responseId', async (req, res) => {
    const user = requireUser(req);
    const body = parseBody(changeResponseRequest, req.body);
    res.json(await changeResponse(context, user, { responseId: req.params.responseId, ...body }));
  });

  router.post('/responses/:responseId/recommendations/import', async (req, res) => {
    const user = requireUser(req);
    const body = parseBody(importRecommendationsRequest, req.body);
    const result = await importRecommendations(context, user, { responseId: req.params.responseId, ...body });
    res.status(result.sections ? 201 : 200).json(result);
  });

  router.post('/responses/:responseId/sections', async (req, res) => {
    const user = requireUser(req);
    const body = parseBody(addSectionRequest, req.body);
    res.status(201).json(await addSection(context, user, { responseId: req.params.responseId, ...body }));
  });

  router.patch('/responses/:responseId/sections/:sectionId', async (req, res) => {
    const user = requireUser(req);
    const body = parseBody(changeSectionRequest, req.body);
    res.json(await changeSection(context, user, { responseId: req.params.responseId, sectionId: req.params.sectionId, ...body }));
  });

  router.delete('/responses/:responseId/sections/:sectionId', async (req, res) => {
    await removeSection(context, requireUser(req), { responseId: req.params.responseId, sectionId: req.params.sectionId });
    res.status(204).end();
  });

  router.put('/responses/:responseId/sections/order', async (req, res) => {
    const user = requireUser(req);
    const { sectionIds } = parseBody(reorderSectionsRequest, req.body);
    res.json({ sections: await reorderSections(context, user, { responseId: req.params.responseId, sectionIds }) });
  });

  return router;
}
