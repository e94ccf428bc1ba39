// GET /api/outbox: the mail Countersign made, for the installation's administrators (the
// organisations' administrators). Without a mail server this is where mail waits.
import { Router } from 'express';
import { z } from 'zod';
import type { ServerContext } from '../context';
import { forbidden } from '../domain/errors';
import { administersInstallation } from '../domain/organisations';
import { requireUser } from './authenticate';
import { parseBody } from './errors';

const MAX_PAGE = 100;
const pageQuery = z.object({ before: z.coerce.number().int().positive().optional(), limit: z.coerce.number().int().min(1).max(MAX_PAGE).optional() });

export function outboxRoutes(context: ServerContext): Router {
  const router = Router();

  router.get('/outbox', async (req, res) => {
    const user = requireUser(req);
    if (!administersInstallation(context.config, user.email)) throw forbidden('Only an administrator of one of the installation’s organisations can read the outbox');
    const query = parseBody(pageQuery, req.query);
    const limit = query.limit ?? 50;
    const mails = await context.store.outbox.list({ before: query.before, limit: limit + 1 });
    const page = mails.slice(0, limit);
    res.json({
      mails: page.map((mail) => ({
        id: mail.id,
        kind: mail.kind,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        state: mail.state,
        attempts: mail.attempts,
        createdAt: mail.createdAt,
        sentAt: mail.sentAt,
        nextAttemptAt: mail.nextAttemptAt,
        lastError: mail.lastError,
      })),
      nextBefore: mails.length > limit ? (page[page.length - 1]?.id ?? null) : null,
      smtpConfigured: context.config.smtpUrl !== null,
    });
  });

  return router;
}
