// Suggestions: routes that parse, call the domain (server/domain/suggestions.ts) and answer.
import { Router } from 'express';
import { commentRequest, createSuggestionRequest, decideSuggestionsRequest } from '../../shared/schemas/requests';
import type { ServerContext } from '../context';
import {
  acceptSuggestion,
  commentOnSuggestion,
  createSuggestion,
  decideSuggestionsOf,
  listSuggestions,
  rejectSuggestion,
} from '../domain/suggestions';
import { requireUser } from './authenticate';
import { parseBody } from './errors';

export function suggestionRoutes(context: ServerContext): Router {
  const router = Router();

  router.get('/responses/:responseId/suggestions', async (req, res) => {
    res.json({ suggestions: await listSuggestions(context, requireUser(req), req.params.responseId) });
  });

  router.post('/responses/:responseId/sections/:sectionId/suggestions', async (req, res) => {
    const user = requireUser(req);
    const body = parseBody(createSuggestionRequest, req.body);
    res.status(201).json(await createSuggestion(context, user, { ...req.params, ...body }));
  });

  router.post('/responses/:responseId/suggestions/decide', async (req, res) => {
    const user = requireUser(req);
    const body = parseBody(decideSuggestionsRequest, req.body);
    res.json(await decideSuggestionsOf(context, user, { responseId: req.params.responseId, ...body }));
  });

  router.post('/responses/:responseId/suggestions/:suggestionId/accept', async (req, res) => {
    res.json(await acceptSuggestion(context, requireUser(req), req.params));
  });

  router.post('/responses/:responseId/suggestions/:suggestionId/reject', async (req, res) => {
    res.json(await rejectSuggestion(context, requireUser(req), req.params));
  });

  router.post('/responses/:responseId/suggestions/:suggestionId/comments', async (req, res) => {
    const user = requireUser(req);
    const { body, mentions } = parseBody(commentRequest, req.body);
    res.status(201).json(await commentOnSuggestion(context, user, { ...req.params, body, mentions }));
  });

  return router;
}
