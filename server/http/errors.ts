// The one place where errors become HTTP answers: domain errors by their kind, body-parser's
// by their type, anything else a 500 that tells nothing of the inside.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { z } from 'zod';
import { DomainError, invalid, type DomainErrorKind } from '../domain/errors';
import { log } from '../log';
import { issueText } from './issueText';

const STATUS: Record<DomainErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
};

/** Parses a request body (or query) with a schema; a 400 listing what is wrong otherwise. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body ?? {});
  if (!result.success) {
    const problems = result.error.issues.map(issueText);
    throw invalid(problems.join('; '));
  }
  return result.data;
}

/** 404 for any /api path no route took. */
export const unknownApiRoute: RequestHandler = (req, _res, next) => {
  next(new DomainError('not_found', 'not_found', `No such endpoint: ${req.method} ${req.path}`));
};

/** The one error middleware: typed errors as `{error: {code, message}}`, never a stack trace. */
export const errorHandler: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  if (error instanceof DomainError) {
    if (error.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(error.retryAfterSeconds));
    res.status(STATUS[error.kind]).json({ error: { code: error.code, message: error.message } });
    return;
  }
  // Errors from express.json(): malformed JSON, too large, wrong charset.
  const status = (error as { status?: unknown }).status;
  const type = (error as { type?: unknown }).type;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const code = type === 'entity.too.large' ? 'too_large' : type === 'entity.parse.failed' ? 'malformed_json' : 'bad_request';
    const message =
      code === 'too_large' ? 'The request body is too large' : code === 'malformed_json' ? 'The request body is not valid JSON' : 'Bad request';
    res.status(status).json({ error: { code, message } });
    return;
  }
  log.error('http.unhandled_error', { method: req.method, path: req.path, error: String(error), stack: (error as Error)?.stack });
  res.status(500).json({ error: { code: 'internal_error', message: 'Something went wrong on our side; nothing was changed' } });
};
