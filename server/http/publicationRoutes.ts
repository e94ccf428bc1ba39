import { Router } from 'express';
import { z } from 'zod';
import type { StatutorySteps } from '../../shared/api';
import { isCalendarDate, ukToday } from '../../shared/deadline';
import { canAdminister } from '../../shared/permissions';
import { announceChange, recordActivity, type ServerContext } from '../context';
import { publishResponse } from '../publish/publishResponse';
import { ID_PATTERN } from '../store/ids';
import { requireUser } from './authenticate';
import { conflict, forbidden, notFound, parseBody } from './errors';
import { responseForMember } from './memberAccess';

const pastDate = z
  .string()
  .refine(isCalendarDate, 'must be a date written YYYY-MM-DD')
  .refine((date) => date <= ukToday(), 'cannot be in the future');
const webAddress = z
  .url({ protocol: /^https?$/, error: 'must be a web address starting http:// or https://' })
  .max(2000);
const stepsSchema = z
  .object({
    publishedAtUrl: webAddress.nullable().optional(),
    sentToHmicfrsOn: pastDate.nullable().optional(),
    sentToHomeSecretaryOn: pastDate.nullable().optional(),
  })
  .strict();

const STEP_NAMES: Record<keyof StatutorySteps, string> = {
  publishedAtUrl: 'Published on the PCC website at',
  sentToHmicfrsOn: 'Copy sent to HMICFRS on',
  sentToHomeSecretaryOn: 'Copy sent to the Home Secretary on',
};

/** POST /api/responses/:id/publish, and the statutory steps after it (mounted under /api). */
export function publishRoutes(context: ServerContext): Router {
  const router = Router();
  const { store } = context;

  router.post('/responses/:responseId/publish', async (req, res) => {
    const { user } = requireUser(req);
    const { response, membership } = responseForMember(store, req.params.responseId, user.id);
    res.status(201).json(await publishResponse(context, { user, response, membership }));
  });

  router.put('/responses/:responseId/statutory-steps', (req, res) => {
    const { user } = requireUser(req);
    const { response, membership } = responseForMember(store, req.params.responseId, user.id);
    if (!canAdminister(membership)) throw forbidden('Only an administrator can record the statutory steps');
    if (response.state !== 'published') throw conflict('not_published', 'Publish the response before recording these steps');
    const body = parseBody(stepsSchema, req.body);
    const next: StatutorySteps = { ...response.statutorySteps };
    for (const key of Object.keys(STEP_NAMES) as Array<keyof StatutorySteps>) {
      const value = body[key];
      if (value === undefined || value === next[key]) continue;
      next[key] = value;
      recordActivity(context, {
        responseId: response.id,
        actor: { userId: user.id, name: user.name },
        action: 'statutory_step.recorded',
        detail: value === null ? `${STEP_NAMES[key]}: cleared` : `${STEP_NAMES[key]} ${value}`,
      });
    }
    store.responses.setStatutorySteps(response.id, next);
    announceChange(context, response.id, 'statutory_steps');
    res.json(next);
  });

  return router;
}

/** The public, immutable publication files: /published/<id> (HTML) and /published/<id>.docx. */
export function publishedRoutes(context: ServerContext): Router {
  const router = Router();
  const { store } = context;

  router.get('/published/:publicationId', (req, res) => {
    const match = /^(.+?)(\.docx)?$/.exec(req.params.publicationId);
    const id = match?.[1] ?? '';
    const publication = ID_PATTERN.test(id) ? store.publications.get(id) : null;
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
