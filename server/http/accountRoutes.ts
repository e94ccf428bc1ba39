// GET /api/account: who the caller is, their organisation and what it lets them do.
import { Router } from 'express';
import type { ServerContext } from '../context';
import { accountOf } from '../domain/organisations';
import { requireAuth } from './authenticate';

export function accountRoutes(context: ServerContext): Router {
  const router = Router();

  router.get('/account', (req, res) => {
    const auth = requireAuth(req);
    res.json(accountOf(context.config, auth.user, auth.method));
  });

  return router;
}
