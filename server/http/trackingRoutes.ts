// Recommendation tracking after publication, its exports, and follow-up responses: routes that
// parse, call the domain (server/domain/tracking.ts, followUp.ts) and answer.
import { Router, type Response } from 'express';
import { ukToday } from '../../shared/deadline';
import { followUpRequest, recommendationUpdateRequest } from '../../shared/schemas/tracking';
import type { ServerContext } from '../context';
import { startFollowUp } from '../domain/followUp';
import { listRecommendations, trackerRecommendations, updateRecommendation } from '../domain/tracking';
import { trackerCsv, trackerXlsx } from '../tracking/trackerExports';
import { requireUser } from './authenticate';
import { parseBody } from './errors';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function download(res: Response, type: string, extension: string): void {
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Disposition', `attachment; filename="countersign-recommendations-${ukToday()}.${extension}"`);
  res.setHeader('X-Content-Type-Options', 'nosniff');
}

export function trackingRoutes(context: ServerContext): Router {
  const router = Router();

  router.get('/responses/:responseId/recommendations', async (req, res) => {
    res.json(await listRecommendations(context, requireUser(req), req.params.responseId));
  });

  router.post('/responses/:responseId/recommendations/:sectionId/updates', async (req, res) => {
    const user = requireUser(req);
    const body = parseBody(recommendationUpdateRequest, req.body);
    res.status(201).json(await updateRecommendation(context, user, { responseId: req.params.responseId, sectionId: req.params.sectionId, ...body }));
  });

  router.get('/recommendations', async (req, res) => {
    res.json(await trackerRecommendations(context, requireUser(req)));
  });

  router.get('/recommendations.csv', async (req, res) => {
    const body = await trackerRecommendations(context, requireUser(req));
    download(res, 'text/csv; charset=utf-8', 'csv');
    res.send(trackerCsv(body));
  });

  router.get('/recommendations.xlsx', async (req, res) => {
    const body = await trackerRecommendations(context, requireUser(req));
    const file = await trackerXlsx(body);
    download(res, XLSX_TYPE, 'xlsx');
    res.send(file);
  });

  router.post('/responses/:responseId/follow-ups', async (req, res) => {
    const user = requireUser(req);
    const body = parseBody(followUpRequest, req.body);
    res.status(201).json(await startFollowUp(context, user, { responseId: req.params.responseId, ...body }));
  });

  return router;
}
