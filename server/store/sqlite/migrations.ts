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
  `,
];
