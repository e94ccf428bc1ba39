// The schema, as an ordered list of migrations. A migration is never edited once released;
// add a new one instead. `PRAGMA user_version` records how many have run.

export const MIGRATIONS: string[] = [
  `
  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  CREATE INDEX sessions_by_user ON sessions(user_id);
  CREATE TABLE responses (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    report_title TEXT NOT NULL,
    report_published_on TEXT NOT NULL,
    report_url TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'drafting',
    chief_comments_due_on TEXT,
    published_at_url TEXT,
    sent_to_hmicfrs_on TEXT,
    sent_to_home_secretary_on TEXT,
    created_at TEXT NOT NULL
  );
  CREATE TABLE sections (
    id TEXT PRIMARY KEY,
    response_id TEXT NOT NULL REFERENCES responses(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    owner_role TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'drafting',
    recommendation TEXT
  );
  CREATE INDEX sections_by_response ON sections(response_id, position);
  CREATE TABLE members (
    response_id TEXT NOT NULL REFERENCES responses(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    capacity TEXT NOT NULL,
    administrator INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (response_id, user_id)
  );
  CREATE INDEX members_by_user ON members(user_id);
  CREATE TABLE invitations (
    token_hash TEXT PRIMARY KEY,
    response_id TEXT NOT NULL REFERENCES responses(id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    role TEXT NOT NULL,
    capacity TEXT NOT NULL,
    administrator INTEGER NOT NULL DEFAULT 0,
    created_by TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    accepted_at TEXT
  );
  CREATE TABLE section_updates (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    section_id TEXT NOT NULL,
    data BLOB NOT NULL
  );
  CREATE INDEX section_updates_by_section ON section_updates(section_id, id);
  CREATE TABLE signoffs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    section_id TEXT NOT NULL REFERENCES sections(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL,
    name TEXT NOT NULL,
    at TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    content_json TEXT NOT NULL,
    reopened_at TEXT,
    reopened_by TEXT,
    reopen_reason TEXT
  );
  CREATE INDEX signoffs_by_section ON signoffs(section_id, id);
  CREATE TABLE publications (
    id TEXT PRIMARY KEY,
    response_id TEXT NOT NULL UNIQUE REFERENCES responses(id),
    published_at TEXT NOT NULL,
    published_by TEXT NOT NULL,
    html TEXT NOT NULL,
    html_sha256 TEXT NOT NULL,
    docx BLOB NOT NULL,
    docx_sha256 TEXT NOT NULL,
    record_json TEXT NOT NULL
  );
  CREATE TABLE audit_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    response_id TEXT NOT NULL,
    at TEXT NOT NULL,
    actor_id TEXT,
    actor_name TEXT,
    action TEXT NOT NULL,
    section_id TEXT,
    detail TEXT NOT NULL DEFAULT ''
  );
  CREATE INDEX audit_by_response ON audit_events(response_id, id);
  -- The audit trail is append-only: the database itself refuses to change or remove an entry.
  CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
    BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
  CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
    BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
  `,
  `
  CREATE TABLE threads (
    id TEXT PRIMARY KEY,
    response_id TEXT NOT NULL REFERENCES responses(id) ON DELETE CASCADE,
    section_id TEXT NOT NULL,
    anchor_json TEXT,
    state TEXT NOT NULL DEFAULT 'open',
    created_by TEXT NOT NULL,
    created_by_name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    resolved_by TEXT,
    resolved_by_name TEXT,
    resolved_at TEXT
  );
  CREATE INDEX threads_by_response ON threads(response_id, created_at);
  CREATE TABLE thread_comments (
    id TEXT PRIMARY KEY,
    thread_id TEXT NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
    author_id TEXT NOT NULL,
    author_name TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    edited_at TEXT,
    deleted_at TEXT
  );
  CREATE INDEX thread_comments_by_thread ON thread_comments(thread_id, created_at);
  `,
  `
  -- Sessions end after a time without use as well as at a fixed expiry.
  ALTER TABLE sessions ADD COLUMN last_seen_at TEXT;
  UPDATE sessions SET last_seen_at = created_at;
  `,
  `
  -- Section history: who sent each stored update, authorship kept through compaction, versions.
  ALTER TABLE section_updates ADD COLUMN user_id TEXT;
  ALTER TABLE section_updates ADD COLUMN at TEXT;
  CREATE TABLE section_authorship (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    section_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    client INTEGER NOT NULL,
    clock INTEGER NOT NULL,
    length INTEGER NOT NULL,
    user_id TEXT NOT NULL,
    at TEXT NOT NULL
  );
  CREATE INDEX section_authorship_by_section ON section_authorship(section_id, id);
  CREATE TABLE section_versions (
    id TEXT PRIMARY KEY,
    section_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    name TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT,
    created_by_name TEXT,
    created_by_role TEXT,
    snapshot BLOB NOT NULL,
    content_json TEXT NOT NULL,
    text TEXT NOT NULL,
    hash TEXT NOT NULL
  );
  CREATE INDEX section_versions_by_section ON section_versions(section_id, created_at);
  ALTER TABLE signoffs ADD COLUMN version_id TEXT;
  `,
  `
  -- Suggestions: changes proposed to a section, kept apart from its text until accepted.
  CREATE TABLE suggestions (
    id TEXT PRIMARY KEY,
    response_id TEXT NOT NULL REFERENCES responses(id) ON DELETE CASCADE,
    section_id TEXT NOT NULL,
    state TEXT NOT NULL,
    anchor_json TEXT NOT NULL,
    insert_text TEXT NOT NULL,
    by_id TEXT NOT NULL,
    by_name TEXT NOT NULL,
    by_role TEXT NOT NULL,
    created_at TEXT NOT NULL,
    decided_by TEXT,
    decided_by_name TEXT,
    decided_by_role TEXT,
    decided_at TEXT,
    stale_reason TEXT
  );
  CREATE INDEX suggestions_by_response ON suggestions(response_id, created_at);
  CREATE INDEX suggestions_by_section ON suggestions(section_id, state);
  CREATE TABLE suggestion_comments (
    id TEXT PRIMARY KEY,
    suggestion_id TEXT NOT NULL REFERENCES suggestions(id) ON DELETE CASCADE,
    author_id TEXT NOT NULL,
    author_name TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX suggestion_comments_by_suggestion ON suggestion_comments(suggestion_id, created_at);
  -- The activity record as a hash chain, one per response: each entry carries its place in its
  -- response's chain (seq, from 1), the hash of the entry before it and its own hash
  -- (server/store/recordHashes.ts). Entries written before this migration are chained when the
  -- store opens (SqliteAuditLog.chainUnchained). Still append-only: the one change the trigger
  -- allows is giving such an entry its place in the chain, once, leaving its content as it was.
  ALTER TABLE audit_events ADD COLUMN seq INTEGER;
  ALTER TABLE audit_events ADD COLUMN prev_hash TEXT;
  ALTER TABLE audit_events ADD COLUMN hash TEXT;
  CREATE UNIQUE INDEX audit_chain ON audit_events(response_id, seq);
  DROP TRIGGER audit_events_no_update;
  CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
    WHEN OLD.hash IS NOT NULL OR NEW.hash IS NULL OR NEW.seq IS NULL OR NEW.prev_hash IS NULL
      OR NEW.id IS NOT OLD.id OR NEW.response_id IS NOT OLD.response_id OR NEW.at IS NOT OLD.at
      OR NEW.actor_id IS NOT OLD.actor_id OR NEW.actor_name IS NOT OLD.actor_name OR NEW.action IS NOT OLD.action
      OR NEW.section_id IS NOT OLD.section_id OR NEW.detail IS NOT OLD.detail
    BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
  `,
  `
  -- After publication, each recommendation's action: an append-only history of updates (the
  -- latest is the current status), and the links that carry a recommendation on to a follow-up
  -- response (whose history then starts with the earlier one's).
  CREATE TABLE recommendation_updates (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    response_id TEXT NOT NULL,
    section_id TEXT NOT NULL,
    status TEXT NOT NULL,
    hmicfrs_view TEXT,
    target_date TEXT,
    note TEXT NOT NULL DEFAULT '',
    links_json TEXT NOT NULL DEFAULT '[]',
    by_id TEXT NOT NULL,
    by_name TEXT NOT NULL,
    at TEXT NOT NULL
  );
  CREATE INDEX recommendation_updates_by_section ON recommendation_updates(section_id, id);
  CREATE INDEX recommendation_updates_by_response ON recommendation_updates(response_id, id);
  CREATE TRIGGER recommendation_updates_no_update BEFORE UPDATE ON recommendation_updates
    BEGIN SELECT RAISE(ABORT, 'recommendation updates are append-only'); END;
  CREATE TRIGGER recommendation_updates_no_delete BEFORE DELETE ON recommendation_updates
    BEGIN SELECT RAISE(ABORT, 'recommendation updates are append-only'); END;
  CREATE TABLE recommendation_carryovers (
    section_id TEXT PRIMARY KEY,
    response_id TEXT NOT NULL,
    from_section_id TEXT NOT NULL,
    from_response_id TEXT NOT NULL,
    at TEXT NOT NULL
  );
  CREATE INDEX recommendation_carryovers_from ON recommendation_carryovers(from_section_id);
  `,
  `
  -- What each publication pins: the head of its response's activity chain when it was rendered,
  -- and the hashes of its files and its sign-off record. Written with the publication, never changed.
  CREATE TABLE publication_seals (
    publication_id TEXT PRIMARY KEY,
    response_id TEXT NOT NULL,
    audit_seq INTEGER,
    audit_hash TEXT,
    html_sha256 TEXT NOT NULL,
    docx_sha256 TEXT NOT NULL,
    record_sha256 TEXT NOT NULL,
    sealed_at TEXT NOT NULL
  );
  CREATE TRIGGER publication_seals_no_update BEFORE UPDATE ON publication_seals
    BEGIN SELECT RAISE(ABORT, 'publication seals are written once'); END;
  CREATE TRIGGER publication_seals_no_delete BEFORE DELETE ON publication_seals
    BEGIN SELECT RAISE(ABORT, 'publication seals are written once'); END;
  -- Organisations: which one holds each role of a response (absent: the installation's default).
  CREATE TABLE response_role_holders (
    response_id TEXT NOT NULL REFERENCES responses(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    organisation_id TEXT NOT NULL,
    PRIMARY KEY (response_id, role)
  );
  -- Invitations are accepted only with proof of the address: an id to accept one from the
  -- dashboard, a one-time code mailed to the address, and how each was closed.
  ALTER TABLE invitations ADD COLUMN id TEXT;
  UPDATE invitations SET id = lower(hex(randomblob(12)));
  CREATE UNIQUE INDEX invitations_by_id ON invitations(id);
  CREATE INDEX invitations_by_email ON invitations(email COLLATE NOCASE);
  CREATE INDEX invitations_by_response ON invitations(response_id);
  ALTER TABLE invitations ADD COLUMN created_at TEXT;
  ALTER TABLE invitations ADD COLUMN outcome TEXT;
  ALTER TABLE invitations ADD COLUMN code_hash TEXT;
  ALTER TABLE invitations ADD COLUMN code_expires_at TEXT;
  ALTER TABLE invitations ADD COLUMN code_attempts INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE invitations ADD COLUMN codes_sent INTEGER NOT NULL DEFAULT 0;
  UPDATE invitations SET outcome = 'accepted' WHERE accepted_at IS NOT NULL;
  -- How a session was signed in, and so how a signatory's identity was checked.
  ALTER TABLE sessions ADD COLUMN method TEXT NOT NULL DEFAULT 'password';
  ALTER TABLE signoffs ADD COLUMN organisation TEXT;
  ALTER TABLE signoffs ADD COLUMN identity_check TEXT;
  -- OpenID Connect sign-ins under way (state, PKCE verifier, nonce), for a few minutes.
  CREATE TABLE oidc_logins (
    state_hash TEXT PRIMARY KEY,
    provider_id TEXT NOT NULL,
    code_verifier TEXT NOT NULL,
    nonce TEXT NOT NULL,
    browser_hash TEXT NOT NULL,
    return_to TEXT NOT NULL,
    invitation_token_hash TEXT,
    expires_at TEXT NOT NULL
  );
  -- Mail: written with the event that causes it, one per event and recipient (the key).
  CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    to_address TEXT NOT NULL,
    to_name TEXT,
    subject TEXT NOT NULL,
    text_body TEXT NOT NULL,
    html_body TEXT NOT NULL,
    headers_json TEXT NOT NULL,
    created_at TEXT NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT,
    sent_at TEXT,
    last_error TEXT
  );
  CREATE INDEX outbox_due ON outbox(state, next_attempt_at);
  -- What each user is told, one per event and recipient (the key), and how they want to hear of it.
  CREATE TABLE notifications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL UNIQUE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    response_id TEXT,
    section_id TEXT,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    detail TEXT NOT NULL,
    actor_name TEXT,
    path TEXT NOT NULL,
    delivery TEXT NOT NULL,
    created_at TEXT NOT NULL,
    read_at TEXT,
    digested_at TEXT
  );
  CREATE INDEX notifications_by_user ON notifications(user_id, id);
  CREATE INDEX notifications_for_digest ON notifications(delivery, digested_at);
  CREATE INDEX notifications_by_section ON notifications(section_id, kind, created_at);
  CREATE TABLE notification_preferences (
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    delivery TEXT NOT NULL,
    PRIMARY KEY (user_id, kind)
  );
  `,
  `
  -- A version's content, compressed (deflate) in one column: the ProseMirror JSON, from which
  -- the plain text is derived. Versions made before keep content_json and text as they are.
  ALTER TABLE section_versions ADD COLUMN content BLOB;
  `,
];
