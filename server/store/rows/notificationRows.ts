// Rows of notifications as both databases return them, and their records.
import type { NotificationDelivery, NotificationKind } from '../../../shared/notifications';
import type { NotificationRecord } from '../records';

/** A row of notifications. */
export interface NotificationRow {
  id: number;
  key: string;
  user_id: string;
  response_id: string | null;
  section_id: string | null;
  kind: NotificationKind;
  title: string;
  detail: string;
  actor_name: string | null;
  path: string;
  delivery: NotificationDelivery;
  created_at: string;
  read_at: string | null;
  digested_at: string | null;
}

/** The notification as the store hands it out. */
export function toNotification(row: NotificationRow): NotificationRecord {
  return {
    id: row.id,
    key: row.key,
    userId: row.user_id,
    responseId: row.response_id,
    sectionId: row.section_id,
    kind: row.kind,
    title: row.title,
    detail: row.detail,
    actorName: row.actor_name,
    path: row.path,
    delivery: row.delivery,
    createdAt: row.created_at,
    readAt: row.read_at,
    digestedAt: row.digested_at,
  };
}
