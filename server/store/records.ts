// What the stores keep, as the rest of the server reads it.
import type { StatutorySteps } from '../../shared/api';
import type { Capacity, Report, ResponseState, RoleId, Section, SectionKind } from '../../shared/model';
import type { NotificationDelivery, NotificationKind } from '../../shared/notifications';

/** A response as stored, without its sections and members. */
export interface ResponseRecord {
  id: string;
  title: string;
  report: Report;
  state: ResponseState;
  deadline: string;
  chiefCommentsDueOn: string | null;
  statutorySteps: StatutorySteps;
  createdAt: string;
}

/** A section as stored; its current sign-off is the sign-off store's. */
export type SectionRecord = Omit<Section, 'signOff'>;

export interface NewSection {
  kind: SectionKind;
  title: string;
  ownerRole: RoleId;
  recommendation?: string | null;
}

/** An account, with its password hash for signing in. */
export interface UserRecord {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
}

/** A live session. */
export interface SessionRecord {
  userId: string;
  createdAt: string;
  /** The session ends at this instant whatever happens (the absolute lifetime). */
  expiresAt: string;
  /** Last time it was used; the session ends once idle for longer than the idle timeout. */
  lastSeenAt: string;
  /** How it was signed in: "password", or "oidc:<provider id>". */
  method: string;
}

/** An invitation to a response, as it is made. */
export interface NewInvitation {
  responseId: string;
  email: string;
  role: RoleId;
  capacity: Capacity;
  administrator: boolean;
  createdBy: string;
  expiresAt: string;
}

/** An invitation as stored. */
export interface Invitation extends NewInvitation {
  id: string;
  createdAt: string;
  /** The hash of the one-time code last mailed to the address, and when it expires. */
  codeHash: string | null;
  codeExpiresAt: string | null;
  codeAttempts: number;
  codesSent: number;
}

/** How an invitation was closed. */
export type InvitationOutcome = 'accepted' | 'declined' | 'withdrawn' | 'replaced';

/** A sign-in through an OpenID Connect provider, between the redirect and the callback. */
export interface OidcLogin {
  providerId: string;
  codeVerifier: string;
  nonce: string;
  /** The hash of a random value in a cookie of the browser that started the sign-in. */
  browserHash: string;
  /** Where to go afterwards (a path of the app). */
  returnTo: string;
  /** The invitation being accepted with this sign-in (its link's token hash), if any. */
  invitationTokenHash: string | null;
  expiresAt: string;
}

/** A mail to put in the outbox. */
export interface NewMail {
  /** Unique to the event and recipient: the same event never makes two mails. */
  key: string;
  kind: string;
  to: { address: string; name: string | null };
  subject: string;
  text: string;
  html: string;
  /** Message-ID, In-Reply-To, References, Reply-To, ... */
  headers: Record<string, string>;
  /** Without a mail server the mail is held (kept and shown, never sent). */
  held: boolean;
}

/** A mail of the outbox. */
export interface OutboxMail extends NewMail {
  id: number;
  createdAt: string;
  state: 'pending' | 'sent' | 'failed' | 'held';
  attempts: number;
  nextAttemptAt: string | null;
  sentAt: string | null;
  lastError: string | null;
}

/** A notification to add. */
export interface NewNotification {
  /** Unique to the event and recipient. */
  key: string;
  userId: string;
  responseId: string | null;
  sectionId: string | null;
  kind: NotificationKind;
  /** One line: what happened. */
  title: string;
  /** More words (a reason, the comment), plain text. */
  detail: string;
  actorName: string | null;
  /** Where in the app it is about (a path with a fragment). */
  path: string;
  /** How the recipient hears of it by mail; "digest" waits for the daily digest. */
  delivery: NotificationDelivery;
}

/** A notification as stored. */
export interface NotificationRecord extends NewNotification {
  id: number;
  createdAt: string;
  readAt: string | null;
  digestedAt: string | null;
}

/** Publications: written once, never changed. */
export interface Publication {
  id: string;
  responseId: string;
  publishedAt: string;
  publishedBy: string;
  html: string;
  htmlSha256: string;
  docx: Buffer;
  docxSha256: string;
  /** The sign-off record, as JSON. */
  recordJson: string;
}

/** An entry for the activity record; the store sets its id and time. */
export interface NewAuditEvent {
  responseId: string;
  actor: { userId: string; name: string } | null;
  action: string;
  sectionId?: string | null;
  detail?: string;
}
