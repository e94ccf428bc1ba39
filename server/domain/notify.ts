// Telling a member about something: a notification in the app, and a mail now, in tomorrow's
// digest or not at all, as they chose for that kind. Both are written in the transaction of the
// event, each under a key unique to the event and recipient, so an event never tells anyone
// twice; the live push to their open pages follows the commit.
import type { ServerEvent } from '../../shared/api';
import { deliveryFor, type NotificationKind } from '../../shared/notifications';
import type { MailContent } from '../mail/compose';
import { enqueueMail, preferencesUrl, type MailContext } from '../mail/outbox';
import type { NotificationRecord } from '../store/records';
import type { Stores } from '../store/Store';
import type { EventHub } from '../sync/EventHub';

/** What notifying needs. */
export interface NotifyContext extends MailContext {
  sync: { events: EventHub };
  mail: { wake(): void };
}

/** A recipient with an account. */
export interface Recipient {
  id: string;
  email: string;
  name: string;
}

/** What to tell one recipient. */
export interface Notice {
  /** Unique to the event (the recipient is added to it). */
  key: string;
  kind: NotificationKind;
  responseId: string | null;
  sectionId?: string | null;
  /** One line: what happened. */
  title: string;
  detail?: string;
  actorName: string | null;
  /** The place in the app (a path with a fragment). */
  path: string;
  /** The mail, when the recipient wants it at once (its key, kind, recipient and footer are filled in). */
  mail: Omit<MailContent, 'key' | 'kind' | 'to' | 'footer'> & { reason: string };
}

/** Records a notice for a recipient inside a transaction; returns the notification if it is new. */
export async function notify(context: MailContext, tx: Stores, recipient: Recipient, notice: Notice): Promise<NotificationRecord | null> {
  const key = `${notice.key}:${recipient.id}`;
  const delivery = deliveryFor(notice.kind, await tx.notifications.preferences(recipient.id));
  const record = await tx.notifications.add({
    key,
    userId: recipient.id,
    responseId: notice.responseId,
    sectionId: notice.sectionId ?? null,
    kind: notice.kind,
    title: notice.title,
    detail: notice.detail ?? '',
    actorName: notice.actorName,
    path: notice.path,
    delivery,
  });
  if (!record) return null;
  if (delivery === 'immediate') {
    const { reason, ...mail } = notice.mail;
    await enqueueMail(context, tx, {
      ...mail,
      key: `notification:${key}`,
      kind: notice.kind,
      to: { address: recipient.email, name: recipient.name },
      footer: { reason, preferencesUrl: preferencesUrl(context) },
    });
  }
  return record;
}

/** A notification as its recipient sees it. */
export function notificationView(record: NotificationRecord) {
  return {
    id: record.id,
    kind: record.kind,
    title: record.title,
    detail: record.detail,
    actorName: record.actorName,
    responseId: record.responseId,
    path: record.path,
    createdAt: record.createdAt,
    read: record.readAt !== null,
  };
}

/** After the commit: pushes each new notification to its recipient's open pages and wakes the mail sender. */
export async function announceNotifications(context: NotifyContext & { store: Stores }, records: Array<NotificationRecord | null>): Promise<void> {
  context.mail.wake();
  for (const record of records) {
    if (!record) continue;
    const unread = await context.store.notifications.unreadCount(record.userId);
    const event: ServerEvent = { type: 'notification', notification: notificationView(record), unread };
    context.sync.events.publishToUser(record.userId, event);
  }
}
