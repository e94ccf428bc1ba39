// Schemas of notifications and of the preferences that say how each kind is delivered.
import { z } from 'zod';
import { NOTIFICATION_DELIVERIES, NOTIFICATION_KINDS } from '../notifications';

export const notificationKindSchema = z.enum(NOTIFICATION_KINDS);
export const notificationDeliverySchema = z.enum(NOTIFICATION_DELIVERIES);

/** One notification as its recipient sees it. Every string is plain text. */
export const notificationSchema = z.object({
  id: z.number(),
  kind: notificationKindSchema,
  title: z.string(),
  detail: z.string(),
  actorName: z.string().nullable(),
  responseId: z.string().nullable(),
  /** The place in the app it is about: a section, a thread, a sign-off. */
  path: z.string(),
  createdAt: z.string(),
  read: z.boolean(),
});

/** `GET /api/notifications`: newest first. */
export const notificationListSchema = z.object({
  notifications: z.array(notificationSchema),
  unread: z.number(),
  /** The id to ask `?before=` for older ones, or null. */
  nextBefore: z.number().nullable(),
});

/** `GET`, `PUT /api/notification-preferences`: the delivery of every kind. */
export const preferencesSchema = z.object({ preferences: z.record(notificationKindSchema, notificationDeliverySchema) });

/** `PUT /api/notification-preferences`: the kinds to change. */
export const preferencesRequest = z.object({ preferences: z.partialRecord(notificationKindSchema, notificationDeliverySchema) }).strict();

/** `POST /api/notifications/read`: some, or all when `ids` is absent. */
export const markReadRequest = z.object({ ids: z.array(z.number().int().positive()).max(500).optional() }).strict();

/** `POST /api/notifications/read`: how many are still unread. */
export const unreadSchema = z.object({ unread: z.number() });
