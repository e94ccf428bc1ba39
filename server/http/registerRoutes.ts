// The public register of published responses and its feeds (no sign-in). Mounted before
// publishedRoutes, whose /published/:publicationId would otherwise take feed.atom and index.json.
import { Router, type Request } from 'express';
import type { ServerContext } from '../context';
import { REGISTER_PATHS, registerEntries, registerIndex } from '../domain/register';
import { renderRegisterAtom } from '../register/renderAtom';
import { renderRegisterHtml } from '../register/renderRegisterHtml';

export function registerRoutes(context: ServerContext): Router {
  const router = Router();

  /** The feeds' absolute addresses: the configured public address, or this request's host. */
  const baseUrl = (req: Request) => context.config.publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
  // Built from the request's Host when no public address is configured: never stored by a shared cache then.
  const cacheControl = () => (context.config.publicUrl ? 'public, max-age=300' : 'no-cache');

  router.get([REGISTER_PATHS.html, `${REGISTER_PATHS.html}/`], async (req, res) => {
    const entries = await registerEntries(context.store, baseUrl(req));
    res.setHeader('Cache-Control', cacheControl());
    res.type('html').send(renderRegisterHtml(entries));
  });

  router.get(REGISTER_PATHS.atom, async (req, res) => {
    const entries = await registerEntries(context.store, baseUrl(req));
    res.setHeader('Cache-Control', cacheControl());
    res.type('application/atom+xml; charset=utf-8').send(renderRegisterAtom(entries, baseUrl(req)));
  });

  router.get(REGISTER_PATHS.json, async (req, res) => {
    const base = baseUrl(req);
    const entries = await registerEntries(context.store, base);
    res.setHeader('Cache-Control', cacheControl());
    res.json(registerIndex(entries, base));
  });

  return router;
}
