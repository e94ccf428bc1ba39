// Signing in and out, changing a password, and ending every session of an account. Every
// sign-in decision is logged; failed ones are throttled per e-mail and address (LoginThrottle).
import type { User } from '../../shared/api';
import { passwordProblem } from '../auth/passwordPolicy';
import { hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from '../auth/passwords';
import { sessionPolicyOf, startSession } from '../auth/sessions';
import type { ServerContext } from '../context';
import { log, logSecurity } from '../log';
import { DomainError, invalid, rateLimited } from './errors';

/** A session started: the token for the cookie and when it ends. */
export interface StartedSession {
  user: User;
  token: string;
  expiresAt: Date;
}

/**
 * Checks an e-mail and password. A new session replaces the one the request came with, if any
 * (so a session fixed before sign-in is worth nothing after it).
 */
export async function signIn(
  context: ServerContext,
  command: { email: string; password: string; address: string; presentedSessionHash?: string },
): Promise<StartedSession> {
  const { store } = context;
  if (!context.config.passwordLogin) {
    throw new DomainError('forbidden', 'password_login_off', 'Local passwords are switched off here: sign in with your organisation’s account');
  }
  const email = command.email.trim().toLowerCase();
  const wait = await context.loginThrottle.waitMs(email, command.address);
  if (wait > 0) {
    const seconds = Math.ceil(wait / 1000);
    logSecurity('auth.sign_in_throttled', { address: command.address, retryAfterSeconds: seconds });
    throw rateLimited(`Too many wrong attempts. Wait ${seconds < 60 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`} and try again.`, seconds);
  }
  const account = await store.users.findByEmail(email);
  const valid = account ? await verifyPassword(command.password, account.passwordHash) : await verifyAgainstDummy(command.password);
  if (!account || !valid) {
    await context.loginThrottle.recordFailure(email, command.address);
    logSecurity('auth.sign_in_failed', { address: command.address, knownAccount: account !== null });
    throw new DomainError('unauthenticated', 'invalid_credentials', 'The e-mail address or password is not right');
  }
  await context.loginThrottle.recordSuccess(email, command.address);
  if (needsRehash(account.passwordHash)) await store.users.setPasswordHash(account.id, await hashPassword(command.password));
  if (command.presentedSessionHash) await endSession(context, command.presentedSessionHash);
  const session = await startSession(store, account.id, sessionPolicyOf(context.config));
  log.info('auth.signed_in', { userId: account.id, address: command.address });
  return { user: { id: account.id, email: account.email, name: account.name }, token: session.token, expiresAt: session.expiresAt };
}

/** Ends one session and closes the sockets opened with it. */
export async function endSession(context: ServerContext, tokenHash: string): Promise<void> {
  await context.store.sessions.delete(tokenHash);
  context.sync.closeSession(tokenHash);
}

/** Signs out: the session ends here and on every socket it opened. */
export async function signOut(context: ServerContext, auth: { user: User; tokenHash: string }, address: string): Promise<void> {
  await endSession(context, auth.tokenHash);
  log.info('auth.signed_out', { userId: auth.user.id, address });
}

/** Ends every session of the account but the one asking (all of them with `includingThis`). */
export async function signOutEverywhere(
  context: ServerContext,
  auth: { user: User; tokenHash: string },
  options: { includingThis: boolean; address: string },
): Promise<number> {
  const ended = await context.store.sessions.deleteForUser(auth.user.id, options.includingThis ? undefined : auth.tokenHash);
  for (const hash of ended) context.sync.closeSession(hash);
  log.info('auth.signed_out_everywhere', { userId: auth.user.id, sessions: ended.length, address: options.address });
  return ended.length;
}

/** Changes a password; every other session ends and this one is replaced by a new one. */
export async function changePassword(
  context: ServerContext,
  auth: { user: User; tokenHash: string },
  command: { currentPassword: string; newPassword: string; address: string },
): Promise<StartedSession> {
  const { store } = context;
  const account = await store.users.findByEmail(auth.user.email);
  if (!account) throw invalid('This account no longer exists');
  const wait = await context.loginThrottle.waitMs(account.email, command.address);
  if (wait > 0) throw rateLimited('Too many wrong attempts. Wait and try again.', Math.ceil(wait / 1000));
  if (!(await verifyPassword(command.currentPassword, account.passwordHash))) {
    await context.loginThrottle.recordFailure(account.email, command.address);
    logSecurity('auth.password_change_failed', { userId: account.id, address: command.address });
    throw invalid('currentPassword: the current password is not right', 'wrong_password');
  }
  const problem = passwordProblem(command.newPassword, account);
  if (problem) throw invalid(`newPassword: ${problem}`, 'weak_password');
  await store.users.setPasswordHash(account.id, await hashPassword(command.newPassword));
  const ended = await store.sessions.deleteForUser(account.id);
  for (const hash of ended) context.sync.closeSession(hash);
  const session = await startSession(store, account.id, sessionPolicyOf(context.config));
  log.info('auth.password_changed', { userId: account.id, sessionsEnded: ended.length, address: command.address });
  return { user: auth.user, token: session.token, expiresAt: session.expiresAt };
}
