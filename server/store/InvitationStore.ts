import type { Invitation, InvitationOutcome, NewInvitation } from './records';

/**
 * Invitations to a response, keyed by a hash of the link's token and by an id (to accept one
 * from the dashboard). Whoever is invited, the invitation is made the same way: accepting it
 * needs proof of the address (a session for it, or a one-time code mailed to it).
 */
export interface InvitationStore {
  /** Records an invitation; any open one for the same address and response is closed as replaced. */
  create(tokenHash: string, invitation: NewInvitation): Promise<Invitation>;
  /** An invitation that is neither closed nor expired, by its link's token hash. */
  findOpen(tokenHash: string, now?: Date): Promise<Invitation | null>;
  /** An open invitation by id. */
  getOpen(id: string, now?: Date): Promise<Invitation | null>;
  /** The open invitations to an address, newest first. */
  listOpenForEmail(email: string, now?: Date): Promise<Invitation[]>;
  /** The open invitations of a response, newest first. */
  listOpenForResponse(responseId: string, now?: Date): Promise<Invitation[]>;
  /** Closes an open invitation (accepted, declined, withdrawn); false when it was already closed (two tabs racing). */
  close(id: string, outcome: InvitationOutcome, now?: Date): Promise<boolean>;
  /** Sets the one-time code (its hash) that proves the address, resetting the attempts; counts the codes sent. */
  setCode(id: string, codeHash: string, expiresAt: string): Promise<void>;
  /** Counts a wrong code; returns the attempts so far. */
  recordCodeAttempt(id: string): Promise<number>;
}
