// Signing in through an organisation's provider (OpenID Connect). A new person gets an account
// for the address the provider vouches for (and so finds their invitations by it); an address
// of an organisation that names its provider can be vouched for by that provider only. The
// session that came with the browser is ended and a new one started (rotated at sign-in).
import type { User } from '../../shared/api';
import { hashToken } from '../auth/sessions';
import { OidcError, type OidcFailure } from '../auth/oidc';
import { sessionPolicyOf, startSession } from '../auth/sessions';
import { cleanSingleLine, hasVisibleText } from '../../shared/text';
import { MAX_NAME_CHARS } from '../../shared/limits';
import type { ServerContext } from '../context';
import { log, logSecurity } from '../log';
import { DomainError } from './errors';
import { invitationByToken } from './invitationLinks';
import { afterJoining, join } from './members';
import { organisationOfEmail } from './organisations';
import { endSession, type StartedSession } from './sessions';

/** A path of this app to go back to, or "/". */
function safePath(path: string | undefined): string {
  return path && path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\') && path.length <= 2000 ? path : '/';
}

/** Where to send the browser to sign in with a provider, and the secret to keep in its cookie. */
export async function startOidcSignIn(
  context: ServerContext,
  command: { providerId: string; next?: string; invitationToken?: string },
): Promise<{ url: string; browserSecret: string }> {
  const invitationTokenHash = command.invitationToken && command.invitationToken.length <= 200 ? hashToken(command.invitationToken) : null;
  return context.oidc.start(context.store, { providerId: command.providerId, returnTo: safePath(command.next), invitationTokenHash, now: context.clock() });
}

/** A refused sign-in: why, for the sign-in page (`/sign-in?error=<reason>`). */
export class OidcSignInRefused extends Error {
  constructor(readonly reason: OidcFailure | 'organisation' | 'password_only') {
    super(reason);
  }
}

function nameFor(name: string | null, email: string): string {
  const clean = cleanSingleLine(name ?? '').slice(0, MAX_NAME_CHARS);
  return hasVisibleText(clean) ? clean : email.split('@')[0]!;
}

/** Finishes a sign-in from the provider's callback: the session for the vouched address, and where to go. */
export async function finishOidcSignIn(
  context: ServerContext,
  command: { callbackUrl: URL; browserSecret: string | null; presentedSessionHash?: string; address: string },
): Promise<{ session: StartedSession; returnTo: string }> {
  const { store, config } = context;
  let result;
  try {
    result = await context.oidc.finish(store, { callbackUrl: command.callbackUrl, browserSecret: command.browserSecret, now: context.clock() });
  } catch (error) {
    if (error instanceof OidcError) {
      logSecurity('auth.oidc_refused', { reason: error.reason, detail: error.message.slice(0, 300), address: command.address });
      throw new OidcSignInRefused(error.reason);
    }
    throw error;
  }
  const { identity } = result;
  const organisation = organisationOfEmail(config, identity.email);
  if (organisation?.provider && organisation.provider !== identity.providerId) {
    logSecurity('auth.oidc_refused', { reason: 'organisation', provider: identity.providerId, organisation: organisation.id, address: command.address });
    throw new OidcSignInRefused('organisation');
  }

  let account: User | null = await store.users.findByEmail(identity.email);
  if (account) account = { id: account.id, email: account.email, name: account.name };
  else {
    account = await store.users.create({ email: identity.email, name: nameFor(identity.name, identity.email), passwordHash: '' });
    log.info('auth.account_created', { userId: account.id, provider: identity.providerId });
  }
  if (command.presentedSessionHash) await endSession(context, command.presentedSessionHash);
  const session = await startSession(store, account.id, sessionPolicyOf(config), `oidc:${identity.providerId}`);
  log.info('auth.signed_in', { userId: account.id, provider: identity.providerId, address: command.address });

  // Started from an invitation's page: the provider has just proved the address, so accept it.
  let returnTo = result.returnTo;
  if (result.invitationTokenHash) {
    const invitation = await invitationByToken(context, result.invitationTokenHash);
    if (invitation && invitation.email.toLowerCase() === account.email.toLowerCase()) {
      try {
        await join(context, account, invitation);
        await afterJoining(context, account, invitation.responseId);
        returnTo = `/responses/${encodeURIComponent(invitation.responseId)}`;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        log.warn('auth.oidc_invitation_not_accepted', { code: error.code });
      }
    }
  }
  return { session: { user: account, token: session.token, expiresAt: session.expiresAt }, returnTo };
}
