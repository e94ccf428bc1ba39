import type { RequestHandler } from 'express';
import { isAllowedOrigin } from '../auth/origin';
import { logSecurity } from '../log';
import { forbidden } from '../domain/errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Refuses a state-changing request whose Origin is another site. */
export function refuseForeignOrigin(allowedOrigins: string[]): RequestHandler {
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    if (!isAllowedOrigin(req.headers.origin, req.headers.host, allowedOrigins)) {
      logSecurity('http.foreign_origin', { method: req.method, path: req.path, origin: req.headers.origin });
      return next(forbidden('Requests from other sites are not accepted', 'foreign_origin'));
    }
    next();
  };
}
