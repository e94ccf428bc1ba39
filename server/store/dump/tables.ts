// What `countersign export` and `import` move between databases: every table that holds the
// record, its columns with their kind, and the order rows are written and hashed in. The export
// refuses to run when the database has a table or column this list does not know, so a table
// added later cannot be left behind silently: add it here (in an order that satisfies its
// foreign keys) along with its migrations.

/** How a column's values are written in an export file (JSON). */
export type ColumnKind =
  | 'text'
  /** A whole number. */
  | 'integer'
  /** true or false (SQLite: 1 or 0). */
  | 'boolean'
  /** An instant, as ISO 8601 in UTC with milliseconds (`toISOString()`). */
  | 'time'
  /** A calendar date, YYYY-MM-DD. */
  | 'date'
  /** Bytes, as base64. */
  | 'bytes';

export interface DumpTable {
  name: string;
  columns: ReadonlyArray<readonly [name: string, kind: ColumnKind]>;
  /**
   * The order rows are exported (and hashed) in: a unique key, compared byte by byte, or
   * `insertion`, the order they were written in (SQLite's rowid; a `seq` identity column on
   * PostgreSQL), for tables that break ties between equal times that way.
   */
  order: readonly string[] | 'insertion';
  /** A column whose values the database generates (PostgreSQL's sequence follows the imported ones). */
  identity?: string;
}

/** Tables the export leaves out, and why. */
export const NOT_EXPORTED: Readonly<Record<string, string>> = {
  sessions: 'sessions are not moved: everyone signs in again on the new database',
  oidc_logins: 'single sign-ons under way (a few minutes each) are not moved: start them again',
};

const t = (name: string, columns: DumpTable['columns'], order: DumpTable['order'], identity?: string): DumpTable => ({ name, columns, order, identity });

/** Every exported table, parents before children. */
export const DUMP_TABLES: readonly DumpTable[] = [
  t('users', [['id', 'text'], ['email', 'text'], ['name', 'text'], ['password_hash', 'text'], ['created_at', 'time']], ['id']),
  t(
    'responses',
    [
      ['id', 'text'],
      ['title', 'text'],
      ['report_title', 'text'],
      ['report_published_on', 'date'],
      ['report_url', 'text'],
      ['state', 'text'],
      ['chief_comments_due_on', 'date'],
      ['published_at_url', 'text'],
      ['sent_to_hmicfrs_on', 'date'],
      ['sent_to_home_secretary_on', 'date'],
      ['created_at', 'time'],
    ],
    ['id'],
  ),
  t(
    'sections',
    [['id', 'text'], ['response_id', 'text'], ['position', 'integer'], ['kind', 'text'], ['title', 'text'], ['owner_role', 'text'], ['state', 'text'], ['recommendation', 'text']],
    ['id'],
  ),
  t('members', [['response_id', 'text'], ['user_id', 'text'], ['role', 'text'], ['capacity', 'text'], ['administrator', 'boolean']], ['response_id', 'user_id']),
  t(
    'invitations',
    [
      ['token_hash', 'text'],
      ['response_id', 'text'],
      ['email', 'text'],
      ['role', 'text'],
      ['capacity', 'text'],
      ['administrator', 'boolean'],
      ['created_by', 'text'],
      ['expires_at', 'time'],
      ['accepted_at', 'time'],
      ['id', 'text'],
      ['created_at', 'time'],
      ['outcome', 'text'],
      ['code_hash', 'text'],
      ['code_expires_at', 'time'],
      ['code_attempts', 'integer'],
      ['codes_sent', 'integer'],
    ],
    ['token_hash'],
  ),
  t('response_role_holders', [['response_id', 'text'], ['role', 'text'], ['organisation_id', 'text']], ['response_id', 'role']),
  t(
    'signoffs',
    [
      ['id', 'integer'],
      ['section_id', 'text'],
      ['user_id', 'text'],
      ['name', 'text'],
      ['at', 'time'],
      ['content_hash', 'text'],
      ['content_json', 'text'],
      ['reopened_at', 'time'],
      ['reopened_by', 'text'],
      ['reopen_reason', 'text'],
      ['version_id', 'text'],
      ['organisation', 'text'],
      ['identity_check', 'text'],
    ],
    ['id'],
    'id',
  ),
  t(
    'section_versions',
    [
      ['id', 'text'],
      ['section_id', 'text'],
      ['kind', 'text'],
      ['name', 'text'],
      ['created_at', 'time'],
      ['created_by', 'text'],
      ['created_by_name', 'text'],
      ['created_by_role', 'text'],
      ['snapshot', 'bytes'],
      ['content_json', 'text'],
      ['text', 'text'],
      ['hash', 'text'],
      ['content', 'bytes'],
    ],
    'insertion',
  ),
  t('section_updates', [['id', 'integer'], ['section_id', 'text'], ['data', 'bytes'], ['user_id', 'text'], ['at', 'time']], ['id'], 'id'),
  t(
    'section_authorship',
    [['id', 'integer'], ['section_id', 'text'], ['kind', 'text'], ['client', 'integer'], ['clock', 'integer'], ['length', 'integer'], ['user_id', 'text'], ['at', 'time']],
    ['id'],
    'id',
  ),
  t(
    'publications',
    [
      ['id', 'text'],
      ['response_id', 'text'],
      ['published_at', 'time'],
      ['published_by', 'text'],
      ['html', 'text'],
      ['html_sha256', 'text'],
      ['docx', 'bytes'],
      ['docx_sha256', 'text'],
      ['record_json', 'text'],
    ],
    ['id'],
  ),
  t(
    'publication_seals',
    [
      ['publication_id', 'text'],
      ['response_id', 'text'],
      ['audit_seq', 'integer'],
      ['audit_hash', 'text'],
      ['html_sha256', 'text'],
      ['docx_sha256', 'text'],
      ['record_sha256', 'text'],
      ['sealed_at', 'time'],
    ],
    ['publication_id'],
  ),
  t(
    'audit_events',
    [
      ['id', 'integer'],
      ['response_id', 'text'],
      ['at', 'time'],
      ['actor_id', 'text'],
      ['actor_name', 'text'],
      ['action', 'text'],
      ['section_id', 'text'],
      ['detail', 'text'],
      ['seq', 'integer'],
      ['prev_hash', 'text'],
      ['hash', 'text'],
    ],
    ['id'],
    'id',
  ),
  t(
    'threads',
    [
      ['id', 'text'],
      ['response_id', 'text'],
      ['section_id', 'text'],
      ['anchor_json', 'text'],
      ['state', 'text'],
      ['created_by', 'text'],
      ['created_by_name', 'text'],
      ['created_at', 'time'],
      ['resolved_by', 'text'],
      ['resolved_by_name', 'text'],
      ['resolved_at', 'time'],
    ],
    ['id'],
  ),
  t(
    'thread_comments',
    [['id', 'text'], ['thread_id', 'text'], ['author_id', 'text'], ['author_name', 'text'], ['body', 'text'], ['created_at', 'time'], ['edited_at', 'time'], ['deleted_at', 'time']],
    ['id'],
  ),
  t(
    'suggestions',
    [
      ['id', 'text'],
      ['response_id', 'text'],
      ['section_id', 'text'],
      ['state', 'text'],
      ['anchor_json', 'text'],
      ['insert_text', 'text'],
      ['by_id', 'text'],
      ['by_name', 'text'],
      ['by_role', 'text'],
      ['created_at', 'time'],
      ['decided_by', 'text'],
      ['decided_by_name', 'text'],
      ['decided_by_role', 'text'],
      ['decided_at', 'time'],
      ['stale_reason', 'text'],
    ],
    ['id'],
  ),
  t('suggestion_comments', [['id', 'text'], ['suggestion_id', 'text'], ['author_id', 'text'], ['author_name', 'text'], ['body', 'text'], ['created_at', 'time']], ['id']),
  t(
    'recommendation_updates',
    [
      ['id', 'integer'],
      ['response_id', 'text'],
      ['section_id', 'text'],
      ['status', 'text'],
      ['hmicfrs_view', 'text'],
      ['target_date', 'date'],
      ['note', 'text'],
      ['links_json', 'text'],
      ['by_id', 'text'],
      ['by_name', 'text'],
      ['at', 'time'],
    ],
    ['id'],
    'id',
  ),
  t(
    'recommendation_carryovers',
    [['section_id', 'text'], ['response_id', 'text'], ['from_section_id', 'text'], ['from_response_id', 'text'], ['at', 'time']],
    'insertion',
  ),
  t(
    'outbox',
    [
      ['id', 'integer'],
      ['key', 'text'],
      ['kind', 'text'],
      ['to_address', 'text'],
      ['to_name', 'text'],
      ['subject', 'text'],
      ['text_body', 'text'],
      ['html_body', 'text'],
      ['headers_json', 'text'],
      ['created_at', 'time'],
      ['state', 'text'],
      ['attempts', 'integer'],
      ['next_attempt_at', 'time'],
      ['sent_at', 'time'],
      ['last_error', 'text'],
    ],
    ['id'],
    'id',
  ),
  t(
    'notifications',
    [
      ['id', 'integer'],
      ['key', 'text'],
      ['user_id', 'text'],
      ['response_id', 'text'],
      ['section_id', 'text'],
      ['kind', 'text'],
      ['title', 'text'],
      ['detail', 'text'],
      ['actor_name', 'text'],
      ['path', 'text'],
      ['delivery', 'text'],
      ['created_at', 'time'],
      ['read_at', 'time'],
      ['digested_at', 'time'],
    ],
    ['id'],
    'id',
  ),
  t('notification_preferences', [['user_id', 'text'], ['kind', 'text'], ['delivery', 'text']], ['user_id', 'kind']),
];

/** A row as an export file holds it: one JSON value per column, in the table's column order. */
export type DumpRow = Array<string | number | boolean | null>;
