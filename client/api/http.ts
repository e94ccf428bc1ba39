// The one way the client talks to the HTTP API: same-origin JSON, every answer parsed with the
// schema shared/ gives for it, errors thrown as ApiError.
import type { z } from 'zod';
import { errorBodySchema } from '../../shared/schemas/responses';
import { ApiError } from './ApiError';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

// Reads `{error: {code, message}}`; anything else (a proxy's HTML page) gets a generic message.
function toApiError(status: number, body: unknown): ApiError {
  const parsed = errorBodySchema.safeParse(body);
  if (parsed.success) return new ApiError(status, parsed.data.error.code, parsed.data.error.message);
  return new ApiError(status, 'http_' + status, `The server answered with an error (${status}). Try again.`);
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

async function send(method: Method, path: string, body: unknown): Promise<unknown> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const parsed = await readJson(response);
  if (!response.ok) throw toApiError(response.status, parsed);
  return parsed;
}

/** Sends a request to the API and returns its answer, parsed with the schema of that route's answer. */
export async function api<S extends z.ZodType>(method: Method, path: string, schema: S, body?: unknown): Promise<z.infer<S>> {
  const answer = await send(method, path, body);
  const parsed = schema.safeParse(answer);
  if (!parsed.success) throw new ApiError(0, 'unexpected_answer', 'The server sent an answer Countersign did not expect. Reload the page and try again.');
  return parsed.data;
}

/** Sends a request whose answer has no body to read (204, or one the caller does not need). */
export async function apiCall(method: Method, path: string, body?: unknown): Promise<void> {
  await send(method, path, body);
}
