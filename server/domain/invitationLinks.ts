// An invitation's link, and the proof of address that accepting it needs. Whoever holds the
// link (the administrator who made it sees it too) learns nothing about accounts from it: the
// page offers the same choices for every address, and asking for a code answers the same way.
// The code goes to the address only; without a mail server it waits in the outbox, which only
// the installation's administrators read.
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type { InvitationView, User } from '../../shared/api';
import { passwordProblem } from '../auth/passwordPolicy';
import { hashPassword } from '../auth/passwords';
import { hashToken } from '../auth/sessions';
import type { ServerContext } from '../context';
import { log } from '../log';
import { appUrl, enqueueMail } from '../mail/outbox';
import type { Invitation } from '../store/records';
import { conflict, DomainError, forbidden, invalid, notFound, rateLimited } from './errors';
import { afterJoining, join } from './members';

/** How long a mailed code works, how many wrong tries it allows, and how many codes one invitation may send. */
export const CODE_LIFETIME_MS = 15 * 60 * 1000;
export const MAX_CODE_ATTEMPTS = 5;
export const MAX_CODES_PER_INVITATION = 5;

function codeHash(invitation: Pick<Invitation, 'id'>, code: string): string {
  return createHash('sha256').update(`${invitation.id}:${code}`).digest('hex');
}

async function openInvitation(context: ServerContext, token: string): Promise<Invitation> {
  const invitation = token.length <= 200 ? await context.store.invitations.findOpen(hashToken(token), context.clock()) : null;
  if (!invitation) throw notFound('That invitation (it may have been used, withdrawn or have expired)');
  return invitation;
}

/** What an invitation offers, for its link's page: the same for every address. */
export async function viewInvitation(context: ServerContext, token: string): Promise<InvitationView> {
  const invitation = await openInvitation(context, token);
  const response = await context.store.responses.get(invitation.responseId);
  return {
    email: invitation.email,
    responseTitle: response?.title ?? '',
    role: invitation.role,
    capacity: invitation.capacity,
    codeAvailable: context.config.passwordLogin,
  };
}

/**
 * Mails the invitation's address a one-time code that proves it, to create an account with. An
 * address that already has an account is sent a note to sign in instead; the answer is the same.
 */
export async function sendInvitationCode(context: ServerContext, token: string): Promise<{ sentTo: string }> {
  if (!context.config.passwordLogin) throw forbidden('Sign in with your organisation’s account to accept this invitation', 'password_login_off');
  const invitation = await openInvitation(context, token);
  if (invitation.codesSent >= MAX_CODES_PER_INVITATION) {
    throw rateLimited('Too many codes were sent for this invitation. Ask the person who invited you for a new one.', 15 * 60);
  }
  const { store } = context;
  const response = await store.responses.get(invitation.responseId);
  const title = response?.title ?? 'a response';
  const account = await store.users.findByEmail(invitation.email);
  const code = String(randomInt(0, 100_000_000)).padStart(8, '0');
  const n = invitation.codesSent + 1;
  const reason = `You received this because someone asked, on the page of an invitation to ${invitation.email}, for a code that proves this address.`;
  await store.transaction(async (tx) => {
    await tx.invitations.setCode(invitation.id, account ? 'none' : codeHash(invitation, code), new Date(context.clock().getTime() + CODE_LIFETIME_MS).toISOString());
    const common = { key: `invitation-code:${invitation.id}:${n}`, kind: 'invitation_code', to: { address: invitation.email, name: account?.name ?? null }, footer: { reason, preferencesUrl: null } };
    if (account) {
      await enqueueMail(context, tx, {
        ...common,
        subject: `Accepting your invitation to “${title}”`,
        paragraphs: [
          `This address already has a Countersign account, so no code is needed: sign in with it, then accept the invitation to “${title}” on your dashboard.`,
          'If you did not ask for this, you can ignore this mail.',
        ],
        action: { label: 'Sign in and accept', url: appUrl(context, `/sign-in?next=${encodeURIComponent(`/invite/${token}`)}`) },
      });
    } else {
      await enqueueMail(context, tx, {
        ...common,
        subject: `Your code to join “${title}”`,
        paragraphs: [
          `Your code is ${code.slice(0, 4)} ${code.slice(4)}. Enter it on the invitation page to create your account and join “${title}”.`,
          'It works for 15 minutes. If you did not ask for it, you can ignore this mail: nobody can use the invitation without the code.',
        ],
      });
    }
  });
  context.mail.wake();
  log.info('invitation.code_sent', { invitationId: invitation.id });
  return { sentTo: invitation.email };
}

/** Checks a code against the one mailed; a wrong one counts against the few allowed. */
async function checkCode(context: ServerContext, invitation: Invitation, code: string): Promise<void> {
  if (invitation.codeAttempts >= MAX_CODE_ATTEMPTS) throw rateLimited('Too many wrong codes. Ask for a new code.', 60);
  const expired = !invitation.codeExpiresAt || invitation.codeExpiresAt <= context.clock().toISOString();
  const expected = Buffer.from(invitation.codeHash ?? '', 'utf8');
  const given = Buffer.from(codeHash(invitation, code), 'utf8');
  const matches = !expired && expected.length === given.length && timingSafeEqual(expected, given);
  if (!matches) {
    const attempts = await context.store.invitations.recordCodeAttempt(invitation.id);
    throw invalid(
      attempts >= MAX_CODE_ATTEMPTS ? 'code: that code is not right, and no more tries are left. Ask for a new code.' : 'code: that code is not right, or it has expired. Check the latest mail, or ask for a new code.',
      'wrong_code',
    );
  }
}

/** Creates the invitee's account and membership with the mailed code; the caller starts their session. */
export async function acceptWithCode(
  context: ServerContext,
  command: { token: string; code: string; name: string; password: string },
): Promise<{ user: User; responseId: string }> {
  if (!context.config.passwordLogin) throw forbidden('Sign in with your organisation’s account to accept this invitation', 'password_login_off');
  const { store } = context;
  const invitation = await openInvitation(context, command.token);
  await checkCode(context, invitation, command.code);
  // The code proves the address; a mail to it then says if it already has an account.
  if (await store.users.findByEmail(invitation.email)) throw conflict('has_account', 'This address has a Countersign account: sign in to accept the invitation');
  const problem = passwordProblem(command.password, { email: invitation.email, name: command.name });
  if (problem) throw invalid(`password: ${problem}`, 'weak_password');
  const passwordHash = await hashPassword(command.password);
  const user = await store.transaction(async (tx) => {
    const created = await tx.users.create({ email: invitation.email, name: command.name, passwordHash });
    await join(context, created, invitation, tx);
    return created;
  });
  await afterJoining(context, user, invitation.responseId);
  return { user, responseId: invitation.responseId };
}

/** Accepts an invitation through its link, signed in as its address. */
export async function acceptSignedIn(context: ServerContext, user: User, token: string): Promise<{ responseId: string }> {
  const invitation = await openInvitation(context, token);
  if (invitation.email.toLowerCase() !== user.email.toLowerCase()) {
    throw new DomainError('forbidden', 'other_address', `This invitation is for ${invitation.email}. Sign out, then open the link again and sign in as that address.`);
  }
  await join(context, user, invitation);
  await afterJoining(context, user, invitation.responseId);
  return { responseId: invitation.responseId };
}

/** The open invitation a link's token names, if any (for a sign-in that accepts it). */
export async function invitationByToken(context: ServerContext, tokenHash: string): Promise<Invitation | null> {
  return context.store.invitations.findOpen(tokenHash, context.clock());
}
