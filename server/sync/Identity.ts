import type { Membership } from '../../shared/model';

/** Who is on a connection, as the server knows them (never as the client claims). */
export interface Identity {
  userId: string;
  name: string;
  membership: Membership;
  /** The session the connection was opened with, so signing out closes it. */
  sessionHash: string;
}
