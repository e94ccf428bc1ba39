// The shapes of the HTTP API's JSON and of the events the server pushes: one definition for
// the routes that send them and the client that reads them.
import type { Capacity, Membership, Report, ResponseState, RoleId, Section } from './model';

/** A signed-in person. */
export interface User {
  id: string;
  email: string;
  name: string;
}

/** `GET/POST /api/session`. */
export interface SessionBody {
  user: User;
}

/** A member of a response, as listed to other members. */
export interface Member extends Membership {
  userId: string;
  name: string;
  email: string;
}

/** One line of `GET /api/responses`. */
export interface ResponseSummary {
  id: string;
  title: string;
  state: ResponseState;
  /** Last day to publish, "YYYY-MM-DD". */
  deadline: string;
  report: Report;
  sectionsTotal: number;
  sectionsSignedOff: number;
  openThreads: number;
}

/** The published result of a response. */
export interface PublicationInfo {
  id: string;
  publishedAt: string;
  publishedBy: string;
  htmlUrl: string;
  docxUrl: string;
  htmlSha256: string;
  docxSha256: string;
}

/** The statutory steps that remain after publishing (Police Act 1996 s.55(6)). */
export interface StatutorySteps {
  publishedAtUrl: string | null;
  sentToHmicfrsOn: string | null;
  sentToHomeSecretaryOn: string | null;
}

/** `GET /api/responses/:id`. */
export interface ResponseDetail extends ResponseSummary {
  /** In document order. */
  sections: Section[];
  /** The caller's own membership. */
  me: Membership;
  members: Member[];
  /** The date the PCC set for the chief constable's comments (s.55(4)), if any. */
  chiefCommentsDueOn: string | null;
  publication: PublicationInfo | null;
  statutorySteps: StatutorySteps;
}

/** `GET /api/responses` */
export interface ResponseListBody {
  responses: ResponseSummary[];
}

/** One entry of `GET /api/responses/:id/audit`, newest last. */
export interface AuditEvent {
  id: number;
  at: string;
  actor: { userId: string; name: string } | null;
  action: string;
  sectionId: string | null;
  /** Human-readable detail, e.g. a reopen reason. Plain text. */
  detail: string;
}

/** Every error: `{error: {code, message}}` with a fitting HTTP status. */
export interface ErrorBody {
  error: { code: string; message: string };
}

/** `POST /api/responses/:id/members` */
export interface AddMemberRequest {
  email: string;
  role: RoleId;
  capacity: Capacity;
  administrator?: boolean;
}

/** Where a thread is anchored in a section's text: Yjs relative positions (base64) and the quoted text. */
export interface ThreadAnchor {
  start: string;
  end: string;
  quote: string;
}

/** One comment of a thread. A deleted comment keeps its place but loses its text. */
export interface ThreadComment {
  id: string;
  author: { userId: string; name: string };
  body: string;
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
}

/** A comment thread on a section, a recommendation, or a passage of one. */
export interface Thread {
  id: string;
  sectionId: string;
  anchor: ThreadAnchor | null;
  state: 'open' | 'resolved';
  createdBy: { userId: string; name: string };
  createdAt: string;
  resolvedBy: { userId: string; name: string } | null;
  resolvedAt: string | null;
  comments: ThreadComment[];
}

/** `GET /api/responses/:id/threads` */
export interface ThreadListBody {
  threads: Thread[];
}

/**
 * Messages on the event socket `/events/<responseId>` (JSON text frames, server to client).
 * `changed`: the response's sections, members, sign-offs or publication changed; fetch it again.
 * `presence`: the user ids with an open connection to the response right now.
 * `audit`: a new entry of the activity log.
 * `thread`: a thread was opened or changed (a reply, resolved, reopened, edited); here it is whole.
 */
export type ServerEvent =
  | { type: 'changed'; reason: string }
  | { type: 'thread'; thread: Thread }
  | { type: 'presence'; online: string[] }
  | { type: 'audit'; event: AuditEvent };
