import type { NewMail, OutboxMail } from './records';

/**
 * Mail waiting to be sent, and mail sent. A mail is written in the same transaction as the
 * event that causes it, under a key unique to the event and recipient, so an event that is
 * recorded twice (a retry, a restart) still makes one mail.
 */
export interface OutboxStore {
  /** Adds a mail unless one with its key exists; returns it if it was added. */
  enqueue(mail: NewMail): Promise<OutboxMail | null>;
  /** Pending mail whose time to be tried has come, oldest first. */
  due(now: Date, limit: number): Promise<OutboxMail[]>;
  /**
   * Takes the pending mail due, oldest first, for one sender: each is due again only after
   * `leaseMs` (when its sender died before marking it), so senders on several instances never
   * take the same mail at once.
   */
  claim(now: Date, limit: number, leaseMs: number): Promise<OutboxMail[]>;
  markSent(id: number, at: Date): Promise<void>;
  /** Records a failed attempt: tried again at `retryAt`, or failed for good when it is null. */
  markFailed(id: number, error: string, retryAt: Date | null): Promise<void>;
  /** The newest mail first, `before` an id for the next page. */
  list(page?: { before?: number; limit?: number }): Promise<OutboxMail[]>;
  /** A mail by its key (for tests and the outbox page). */
  getByKey(key: string): Promise<OutboxMail | null>;
}
