import type { NotificationDelivery, NotificationKind } from '../../shared/notifications';
import type { NewNotification, NotificationRecord } from './records';

/** What each user is told (the table `notifications`) and how they want to hear of it (`notification_preferences`). */
export interface NotificationStore {
  /** Adds a notification unless one with its key exists; returns it if it was added. */
  add(notification: NewNotification): Promise<NotificationRecord | null>;
  /** A user's notifications, newest first; `before` an id for the next page. */
  list(userId: string, page?: { before?: number; limit?: number }): Promise<NotificationRecord[]>;
  unreadCount(userId: string): Promise<number>;
  /** Marks some (or, without ids, all) of a user's notifications read; returns how many changed. */
  markRead(userId: string, ids: number[] | null, at?: Date): Promise<number>;
  /** Whether a notification of a kind about a section was made since a time (to refuse asking twice at once). */
  existsSince(kind: NotificationKind, sectionId: string, since: Date): Promise<boolean>;
  /** Users with notifications waiting for their daily digest. */
  usersWithDigest(): Promise<string[]>;
  /** A user's notifications waiting for the digest, oldest first. */
  pendingDigest(userId: string): Promise<NotificationRecord[]>;
  markDigested(ids: number[], at: Date): Promise<void>;
  /** A user's chosen delivery for each kind they changed (the rest have the default). */
  preferences(userId: string): Promise<Partial<Record<NotificationKind, NotificationDelivery>>>;
  setPreferences(userId: string, preferences: Partial<Record<NotificationKind, NotificationDelivery>>): Promise<void>;
}
