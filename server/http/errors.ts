import type { ErrorRequestHandler, RequestHandler } from 'express';
import { z } from 'zod';
import { log } from '../log';

/** An error meant for the caller: an HTTP status, a machine-readable code and words for users. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const notFound = (what = 'That resource'): HttpError => new HttpError(404, 'not_found', `${what} was not found`);
export const forbidden = (message: string): HttpError => new HttpError(403, 'forbidden', message);
export const conflict = (code: string, message: string): HttpError => new HttpError(409, code, message);

/** Parses a request body with a schema; a 400 listing what is wrong otherwise. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body ?? {});
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`);
    throw new HttpError(400, 'invalid_request', problems.join('; '));
  }
  return result.data;
}

/** 404 for any /api path no route took. */
export const unknownApiRoute: RequestHandler = (req, _res, next) => {
  next(new HttpError(404, 'not_found', `No such endpoint: ${req.method} ${req.path}`));
};

/** The one error middleware: typed errors as `{error: {code, message}}`, never a stack trace. */
export const errorHandler: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  if (error instanceof HttpError) {
    res.status(error.status).json({ error: { code: error.code, message: error.message } });
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
