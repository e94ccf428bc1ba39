import type { Invitation } from './records';

/** Invitations for people who have no account yet, keyed by a hash of the link's token. */
export interface InvitationStore {
  create(tokenHash: string, invitation: Invitation): Promise<void>;
  /** An invitation that is neither used nor expired. */
  findOpen(tokenHash: string, now?: Date): Promise<Invitation | null>;
  /** Marks an invitation used; false when it was already used (two tabs racing). */
  markAccepted(tokenHash: string): Promise<boolean>;
}
