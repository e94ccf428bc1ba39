import { Router } from 'express';
import { statutoryStepsRequest } from '../../shared/schemas/requests';
import type { ServerContext } from '../context';
import { notFound } from '../domain/errors';
import { publishResponse, recordStatutorySteps } from '../domain/publish';
import { PRINT_SCRIPT, PRINT_SCRIPT_PATH } from '../publish/publicationStyle';
import { ID_PATTERN } from '../store/ids';
import { requireUser } from './authenticate';
import { parseBody } from './errors';

/** POST /api/responses/:id/publish, and the statutory steps after it (mounted under /api). */
export function publishRoutes(context: ServerContext): Router {
  const router = Router();

  router.post('/responses/:responseId/publish', async (req, res) => {
    res.status(201).json(await publishResponse(context, requireUser(req), { responseId: req.params.responseId }));
  });

  router.put('/responses/:responseId/statutory-steps', async (req, res) => {
    const user = requireUser(req);
    const body = parseBody(statutoryStepsRequest, req.body);
    res.json(await recordStatutorySteps(context, user, { responseId: req.params.responseId, ...body }));
  });

  return router;
}

/** The public, immutable publication files: /published/<id> (HTML) and /published/<id>.docx. */
export function publishedRoutes(context: ServerContext): Router {
  const router = Router();

  // The published pages' one script ("Print this page"); a page's own address has one segment.
  router.get(PRINT_SCRIPT_PATH, (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.type('text/javascript').send(PRINT_SCRIPT);
  });

  router.get('/published/:publicationId', async (req, res) => {
    const match = /^(.+?)(\.docx)?$/.exec(req.params.publicationId);
    const id = match?.[1] ?? '';
    const publication = ID_PATTERN.test(id) ? await context.store.publications.get(id) : null;
    if (!publication) throw notFound('That publication');
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    if (match?.[2]) {
      res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      res.setHeader('Content-Disposition', `attachment; filename="countersign-${publication.id}.docx"`);
      res.setHeader('Digest', `sha-256=${Buffer.from(publication.docxSha256, 'hex').toString('base64')}`);
      res.send(publication.docx);
      return;
    }
    res.setHeader('Digest', `sha-256=${Buffer.from(publication.htmlSha256, 'hex').toString('base64')}`);
    res.type('html').send(publication.html);
  });

  return router;
}
