// The account's own requests: changing the password and ending every session.
import { sessionBodySchema, signedOutEverywhereSchema } from '../../shared/schemas/responses';
import type { User } from '../../shared/api';
import { api } from '../api/http';

/** Changes the password; the server ends every other session and starts a new one here. */
export async function changePassword(currentPassword: string, newPassword: string): Promise<User> {
  return (await api('POST', '/api/session/password', sessionBodySchema, { currentPassword, newPassword })).user;
}

/** Ends every session of the account, this one included; returns how many ended. */
export async function signOutEverywhere(): Promise<number> {
  return (await api('DELETE', '/api/sessions', signedOutEverywhereSchema)).ended;
}
