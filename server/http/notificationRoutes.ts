// The caller's notifications and notification preferences: routes that parse, call the domain
// (server/domain/notifications.ts) and answer.
import { Router } from 'express';
import { z } from 'zod';
import { markReadRequest, preferencesRequest } from '../../shared/schemas/notifications';
import type { ServerContext } from '../context';
import { listNotifications, markNotificationsRead, preferencesOf, setPreferences } from '../domain/notifications';
import { requireUser } from './authenticate';
import { parseBody } from './errors';

const pageQuery = z.object({ before: z.coerce.number().int().positive().optional() });

export function notificationRoutes(context: ServerContext): Router {
  const router = Router();

  router.get('/notifications', async (req, res) => {
    const user = requireUser(req);
    res.json(await listNotifications(context, user, parseBody(pageQuery, req.query)));
  });

  router.post('/notifications/read', async (req, res) => {
    const user = requireUser(req);
    const { ids } = parseBody(markReadRequest, req.body);
    res.json(await markNotificationsRead(context, user, ids));
  });

  router.get('/notification-preferences', async (req, res) => {
    res.json(await preferencesOf(context, requireUser(req)));
  });

  router.put('/notification-preferences', async (req, res) => {
    const user = requireUser(req);
    const { preferences } = parseBody(preferencesRequest, req.body);
    res.json(await setPreferences(context, user, preferences));
  });

  return router;
}
