// GET /api/account: who the caller is, their organisation and what it lets them do; and
// GET /api/auth/providers: how people sign in here.
import { Router } from 'express';
import type { ServerContext } from '../context';
import { accountOf } from '../domain/organisations';
import { requireAuth } from './authenticate';

export function accountRoutes(context: ServerContext): Router {
  const router = Router();

  /** The sign-in page's choices: local passwords (unless switched off) and each provider. */
  router.get('/auth/providers', (_req, res) => {
    res.json({
      passwordLogin: context.config.passwordLogin,
      providers: context.oidc.list().map((provider) => ({ ...provider, startUrl: `/auth/oidc/${encodeURIComponent(provider.id)}` })),
    });
  });

  router.get('/account', (req, res) => {
    const auth = requireAuth(req);
    res.json(accountOf(context.config, auth.user, auth.method));
  });

  return router;
}
