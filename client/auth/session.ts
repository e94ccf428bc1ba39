// Who is signed in: one small store the whole app reads through useSession().
import { useSyncExternalStore } from 'react';
import type { User } from '../../shared/api';
import { sessionBodySchema } from '../../shared/schemas/responses';
import { ApiError } from '../api/ApiError';
import { api, apiCall } from '../api/http';

/** What the client knows of the session. */
export type SessionState =
  | { status: 'loading' }
  | { status: 'signedOut' }
  | { status: 'signedIn'; user: User };

let state: SessionState = { status: 'loading' };
const listeners = new Set<() => void>();

function setState(next: SessionState): void {
  state = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The session, re-rendering when it changes. */
export function useSession(): SessionState {
  return useSyncExternalStore(subscribe, () => state);
}

/** Asks the server who the cookie belongs to (once, at start-up). */
export async function loadSession(): Promise<void> {
  try {
    const body = await api('GET', '/api/session', sessionBodySchema);
    setState({ status: 'signedIn', user: body.user });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) setState({ status: 'signedOut' });
    else throw error;
  }
}

/** Signs in; throws ApiError (401 invalid_credentials, 429 rate_limited) on failure. */
export async function signIn(email: string, password: string): Promise<User> {
  const body = await api('POST', '/api/session', sessionBodySchema, { email, password });
  setState({ status: 'signedIn', user: body.user });
  return body.user;
}

/** Records a user the server has just signed in by other means (accepting an invitation). */
export function signedInAs(user: User): void {
  setState({ status: 'signedIn', user });
}

/** The server said the session is gone (a 401 or a 4401 close): show the sign-in page. */
export function sessionEnded(): void {
  setState({ status: 'signedOut' });
}

/** Signs out on the server, then locally whatever the server answered. */
export async function signOut(): Promise<void> {
  try {
    await apiCall('DELETE', '/api/session');
  } finally {
    setState({ status: 'signedOut' });
  }
}
