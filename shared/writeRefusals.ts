// Why the server refused a write, as the reason of its write ack (MESSAGE_WRITE_ACK). The words
// are for the user; the editor reads the kind back from them to explain the refusal in its own
// words. Built and read here only, so the two sides cannot drift apart.

/** What a refusal was about: a section the member may not write, a full section, or content the editor never writes. */
export type WriteRefusalKind = 'read_only' | 'size_limit' | 'content' | 'identity' | 'unknown';

const READ_ONLY = 'This section is read-only for you';
const SIZE_LIMIT = 'This section has reached its size limit';
const CONTENT = 'This edit cannot be saved: ';
const IDENTITY = 'This edit uses an editing identity that belongs to another member';

/** The reason given to a connection that may not write the section (signed off, or a reader). */
export function readOnlyReason(): string {
  return READ_ONLY;
}

/** The reason given when a write would take a section past its size limit. */
export function sizeLimitReason(maxSectionBytes: number): string {
  const mb = maxSectionBytes / 1024 / 1024;
  const size = mb >= 1 ? `${Number(mb.toFixed(1))} MB` : `${Math.round(maxSectionBytes / 1024)} kB`;
  return `${SIZE_LIMIT} (${size}); nothing more can be added to it`;
}

/** The reason given when a write holds what our editor never writes (`problem` says what). */
export function contentReason(problem: string): string {
  return CONTENT + problem;
}

/** The reason given when a write reuses a Yjs client id another member first wrote with. */
export function identityReason(client: number): string {
  return `${IDENTITY} (Yjs client ${client})`;
}

/** The kind of a refusal, from its reason ('unknown' for an empty or unexpected one). */
export function refusalKind(reason: string): WriteRefusalKind {
  if (reason === READ_ONLY) return 'read_only';
  if (reason.startsWith(SIZE_LIMIT)) return 'size_limit';
  if (reason.startsWith(CONTENT)) return 'content';
  if (reason.startsWith(IDENTITY)) return 'identity';
  return 'unknown';
}
