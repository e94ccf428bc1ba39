// What the stores keep, as the rest of the server reads it.
import type { StatutorySteps } from '../../shared/api';
import type { Capacity, Report, ResponseState, RoleId, Section, SectionKind } from '../../shared/model';

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
}

/** An invitation for someone without an account yet. */
export interface Invitation {
  responseId: string;
  email: string;
  role: RoleId;
  capacity: Capacity;
  administrator: boolean;
  createdBy: string;
  expiresAt: string;
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
