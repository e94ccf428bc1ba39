// A section's history: routes that parse, call the domain (server/domain/history.ts) and answer.
import { Router } from 'express';
import { diffQuery, saveVersionRequest } from '../../shared/schemas/requests';
import type { ServerContext } from '../context';
import { diffVersion, getVersion, listVersions, restoreVersion, saveVersion, sectionAuthorship } from '../domain/history';
import { requireUser } from './authenticate';
import { parseBody } from './errors';

const SECTION = '/responses/:responseId/sections/:sectionId';

export function historyRoutes(context: ServerContext): Router {
  const router = Router();

  router.get(`${SECTION}/versions`, async (req, res) => {
    res.json({ versions: await listVersions(context, requireUser(req), req.params) });
  });

  router.post(`${SECTION}/versions`, async (req, res) => {
    const user = requireUser(req);
    const { name } = parseBody(saveVersionRequest, req.body);
    res.status(201).json(await saveVersion(context, user, { ...req.params, name }));
  });

  router.get(`${SECTION}/versions/:versionId`, async (req, res) => {
    res.json(await getVersion(context, requireUser(req), req.params));
  });

  router.get(`${SECTION}/versions/:versionId/diff`, async (req, res) => {
    const user = requireUser(req);
    const { against } = parseBody(diffQuery, req.query);
    res.json(await diffVersion(context, user, { ...req.params, against }));
  });

  router.post(`${SECTION}/versions/:versionId/restore`, async (req, res) => {
    res.json({ kept: await restoreVersion(context, requireUser(req), req.params) });
  });

  router.get(`${SECTION}/authorship`, async (req, res) => {
    res.json(await sectionAuthorship(context, requireUser(req), req.params));
  });

  return router;
}
