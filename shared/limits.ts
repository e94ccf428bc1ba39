// The bounds of what people may type, in one place: the server refuses past them and the
// client says so before sending.

/** A response's, report's or section's title. */
export const MAX_TITLE_CHARS = 300;
/** A person's name. */
export const MAX_NAME_CHARS = 200;
/** An e-mail address (RFC 5321's limit on a path). */
export const MAX_EMAIL_CHARS = 320;
/** A web address. */
export const MAX_URL_CHARS = 2_000;
/** One comment of a thread. */
export const MAX_COMMENT_CHARS = 10_000;
/** The passage a thread quotes. */
export const MAX_QUOTE_CHARS = 5_000;
/** A recommendation's text, as the report gives it. */
export const MAX_RECOMMENDATION_CHARS = 10_000;
/** The pasted text of a report's recommendations, before it is split. */
export const MAX_PASTE_CHARS = 100_000;
/** The reason given for reopening a section. */
export const MAX_REASON_CHARS = 2_000;
/** An encoded Yjs relative position (base64). */
export const MAX_POSITION_CHARS = 1_000;
/** Sections one response may hold. */
export const MAX_SECTIONS = 500;
/** A password: the shortest we accept for a new one, and the longest we read. */
export const MIN_PASSWORD_CHARS = 12;
export const MAX_PASSWORD_CHARS = 1_000;
/** Recommendations one response may hold (and one import may create). */
export const MAX_IMPORTED_RECOMMENDATIONS = 100;
/** Entries of the activity record one page may hold. */
export const MAX_AUDIT_PAGE = 500;
/** The name a member gives a version. */
export const MAX_VERSION_NAME_CHARS = 200;
/** The text a suggestion proposes. */
export const MAX_SUGGESTION_CHARS = 10_000;
/** A progress note on a recommendation's action after publication. */
export const MAX_PROGRESS_NOTE_CHARS = 5_000;
/** Links to evidence one progress note may carry. */
export const MAX_EVIDENCE_LINKS = 10;
/** Members one comment may mention. */
export const MAX_MENTIONS = 20;
