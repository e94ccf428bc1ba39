// Everything the server keeps, behind one object of async stores. Routes and rooms never know
// which database is behind it.
import type { AuditLog } from './AuditLog';
import type { InvitationStore } from './InvitationStore';
import type { MemberStore } from './MemberStore';
import type { NotificationStore } from './NotificationStore';
import type { OidcLoginStore } from './OidcLoginStore';
import type { OutboxStore } from './OutboxStore';
import type { PublicationStore } from './PublicationStore';
import type { SealStore } from './SealStore';
import type { ResponseStore } from './ResponseStore';
import type { RoleHolderStore } from './RoleHolderStore';
import type { SessionStore } from './SessionStore';
import type { SignOffStore } from './SignOffStore';
import type { SuggestionStore } from './SuggestionStore';
import type { ThreadStore } from './ThreadStore';
import type { TrackingStore } from './TrackingStore';
import type { UpdateStore } from './UpdateStore';
import type { UserStore } from './UserStore';
import type { VersionStore } from './VersionStore';

/** The stores, as a transaction sees them too. */
export interface Stores {
  users: UserStore;
  sessions: SessionStore;
  responses: ResponseStore;
  members: MemberStore;
  signOffs: SignOffStore;
  invitations: InvitationStore;
  publications: PublicationStore;
  audit: AuditLog;
  threads: ThreadStore;
  updates: UpdateStore;
  versions: VersionStore;
  suggestions: SuggestionStore;
  tracking: TrackingStore;
  seals: SealStore;
  roleHolders: RoleHolderStore;
  oidcLogins: OidcLoginStore;
  outbox: OutboxStore;
  notifications: NotificationStore;
}

export interface Store extends Stores {
  /**
   * Runs `work` in one transaction: everything it does through `tx` is committed together, or
   * nothing is if it throws. `work` should only do store work (no network, no hashing).
   */
  transaction<T>(work: (tx: Stores) => Promise<T>): Promise<T>;
  /**
   * Runs `work` in one transaction during which no update to the section can be stored, by this
   * instance or any other: `work` sees every update stored before it began, and an append asked
   * for meanwhile waits, then is refused if `work` signed the section off. The sign-off's hash
   * covers exactly the updates accepted before it, wherever they were accepted.
   */
  sectionBarrier<T>(sectionId: string, work: (tx: Stores) => Promise<T>): Promise<T>;
  /** Stores whatever is pending and closes the database. */
  close(): Promise<void>;
}
