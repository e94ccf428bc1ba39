// Rows of the outbox as both databases return them, and the mail they hold.
import type { OutboxMail } from '../records';

/** A row of the outbox. */
export interface OutboxRow {
  id: number;
  key: string;
  kind: string;
  to_address: string;
  to_name: string | null;
  subject: string;
  text_body: string;
  html_body: string;
  headers_json: string;
  created_at: string;
  state: OutboxMail['state'];
  attempts: number;
  next_attempt_at: string | null;
  sent_at: string | null;
  last_error: string | null;
}

/** The mail as a sender reads it; held mail is the state `held`. */
export function toMail(row: OutboxRow): OutboxMail {
  return {
    id: row.id,
    key: row.key,
    kind: row.kind,
    to: { address: row.to_address, name: row.to_name },
    subject: row.subject,
    text: row.text_body,
    html: row.html_body,
    headers: JSON.parse(row.headers_json) as Record<string, string>,
    held: row.state === 'held',
    createdAt: row.created_at,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    sentAt: row.sent_at,
    lastError: row.last_error,
  };
}
