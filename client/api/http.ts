// The one way the client talks to the HTTP API: same-origin JSON, errors thrown as ApiError.
import { ApiError } from './ApiError';
import { isRecord } from './isRecord';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

// Reads `{error: {code, message}}`; anything else (a proxy's HTML page) gets a generic message.
function toApiError(status: number, body: unknown): ApiError {
  if (isRecord(body) && isRecord(body.error)) {
    const { code, message } = body.error;
    if (typeof code === 'string' && typeof message === 'string') {
      return new ApiError(status, code, message);
    }
  }
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

/**
 * Sends a request to the API and returns its JSON body (null for 204). The type parameter
 * is the shape `shared/api.ts` promises for that route.
 */
export async function api<T>(method: Method, path: string, body?: unknown): Promise<T> {
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
  return parsed as T;
}
