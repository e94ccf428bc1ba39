// A person's own notifications and how they want to hear of each kind.
import type { User } from '../../shared/api';
import { deliveryFor, NOTIFICATION_KINDS, type NotificationDelivery, type NotificationKind } from '../../shared/notifications';
import type { ServerContext } from '../context';
import { notificationView } from './notify';

/** How many a page holds. */
export const NOTIFICATION_PAGE = 50;

/** The caller's notifications, newest first, with how many are unread. */
export async function listNotifications(context: ServerContext, user: User, page: { before?: number }) {
  const { notifications } = context.store;
  const records = await notifications.list(user.id, { before: page.before, limit: NOTIFICATION_PAGE + 1 });
  const shown = records.slice(0, NOTIFICATION_PAGE);
  return {
    notifications: shown.map(notificationView),
    unread: await notifications.unreadCount(user.id),
    nextBefore: records.length > NOTIFICATION_PAGE ? (shown[shown.length - 1]?.id ?? null) : null,
  };
}

/** Marks some (or all) of the caller's notifications read; returns how many remain unread. */
export async function markNotificationsRead(context: ServerContext, user: User, ids: number[] | undefined): Promise<{ unread: number }> {
  await context.store.notifications.markRead(user.id, ids ?? null, context.clock());
  return { unread: await context.store.notifications.unreadCount(user.id) };
}

/** The delivery of every kind for the caller. */
export async function preferencesOf(context: ServerContext, user: User): Promise<{ preferences: Record<NotificationKind, NotificationDelivery> }> {
  const chosen = await context.store.notifications.preferences(user.id);
  return { preferences: Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, deliveryFor(kind, chosen)])) as Record<NotificationKind, NotificationDelivery> };
}

/** Changes the delivery of some kinds. */
export async function setPreferences(
  context: ServerContext,
  user: User,
  preferences: Partial<Record<NotificationKind, NotificationDelivery>>,
): Promise<{ preferences: Record<NotificationKind, NotificationDelivery> }> {
  await context.store.notifications.setPreferences(user.id, preferences);
  return preferencesOf(context, user);
}
