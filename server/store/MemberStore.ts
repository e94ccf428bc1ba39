import type { Member } from '../../shared/api';
import type { Membership } from '../../shared/model';

/** Who is a member of which response, in which seat (the table `members`). */
export interface MemberStore {
  get(responseId: string, userId: string): Promise<Membership | null>;
  /** A response's members with their names and addresses, by name. */
  list(responseId: string): Promise<Member[]>;
  /** Adds a member, or changes the seat of an existing one. */
  set(responseId: string, userId: string, membership: Membership): Promise<void>;
  remove(responseId: string, userId: string): Promise<boolean>;
  /** The responses a user is a member of. */
  responseIdsOf(userId: string): Promise<string[]>;
}
