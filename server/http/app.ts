import fs from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { ServerContext } from '../context';
import { accountRoutes } from './accountRoutes';
import { loadSession } from './authenticate';
import { refuseForeignOrigin } from './csrf';
import { errorHandler, unknownApiRoute } from './errors';
import { historyRoutes } from './historyRoutes';
import { memberRoutes } from './memberRoutes';
import { notificationRoutes } from './notificationRoutes';
import { oidcRoutes } from './oidcRoutes';
import { outboxRoutes } from './outboxRoutes';
import { publishedRoutes, publishRoutes } from './publicationRoutes';
import { registerRoutes } from './registerRoutes';
import { responseRoutes } from './responseRoutes';
import { sessionRoutes } from './sessionRoutes';
import { setupRoutes } from './setupRoutes';
import { signOffRoutes } from './signOffRoutes';
import { suggestionRoutes } from './suggestionRoutes';
import { threadRoutes } from './threadRoutes';
import { trackingRoutes } from './trackingRoutes';

/** The largest JSON body we read (a pasted list of recommendations fits many times over). */
export const MAX_JSON_BODY = '256kb';

/** The Express app: API under /api, publications under /published, the built client for the rest. */
export function createApp(context: ServerContext): Express {
  const app = express();
  app.disable('x-powered-by');
  // X-Forwarded-For is read only behind a proxy the configuration names (COUNTERSIGN_TRUST_PROXY).
  app.set('trust proxy', context.config.trustProxy);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // TipTap's caret extension colours carets with inline styles.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          upgradeInsecureRequests: null,
        },
      },
      crossOriginEmbedderPolicy: false,
    }),
  );

  const api = express.Router();
  api.use((_req, res, next) => {
    // Answers carry members' names and response text: never kept by a browser or proxy cache.
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  api.use(express.json({ limit: MAX_JSON_BODY }));
  api.use(refuseForeignOrigin(context.config.allowedOrigins));
  api.use(loadSession(context));
  api.get('/health', (_req, res) => {
    res.json({ ok: true });
  });
  api.use(sessionRoutes(context));
  api.use(responseRoutes(context));
  api.use(setupRoutes(context));
  api.use(memberRoutes(context));
  api.use(signOffRoutes(context));
  api.use(publishRoutes(context));
  api.use(threadRoutes(context));
  api.use(historyRoutes(context));
  api.use(suggestionRoutes(context));
  api.use(trackingRoutes(context));
  api.use(accountRoutes(context));
  api.use(outboxRoutes(context));
  api.use(notificationRoutes(context));
  api.use(unknownApiRoute);
  app.use('/api', api);

  app.use(registerRoutes(context));
  app.use(publishedRoutes(context));
  app.use(oidcRoutes(context));

  serveClient(app, context.config.clientDir);
  app.use(errorHandler);
  return app;
}

/** The built single-page client, with index.html for every page path. */
function serveClient(app: Express, clientDir: string): void {
  const index = path.join(clientDir, 'index.html');
  app.use(express.static(clientDir, { index: false, maxAge: '1h' }));
  app.get(/^\/(?!api\/|sync\/|events\/|published\/).*/, (_req, res) => {
    if (!fs.existsSync(index)) {
      res
        .status(503)
        .type('text/plain')
        .send('The client is not built. Run `npm run build` (npm start does it for you).');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
