import type { NotificationDelivery, NotificationKind } from '../../../shared/notifications';
import type { NotificationStore } from '../NotificationStore';
import type { NewNotification, NotificationRecord } from '../records';
import { type NotificationRow, toNotification } from '../rows/notificationRows';
import type { Sql } from './PgConnection';

/** NotificationStore on PostgreSQL (the tables `notifications` and `notification_preferences`). */
export class PgNotificationStore implements NotificationStore {
  constructor(private readonly sql: Sql) {}

  async add(n: NewNotification): Promise<NotificationRecord | null> {
    const { rows } = await this.sql.query<NotificationRow>(
      `INSERT INTO notifications (key, user_id, response_id, section_id, kind, title, detail, actor_name, path, delivery, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (key) DO NOTHING RETURNING *`,
      [n.key, n.userId, n.responseId, n.sectionId, n.kind, n.title, n.detail, n.actorName, n.path, n.delivery, new Date().toISOString()],
    );
    return rows[0] ? toNotification(rows[0]) : null;
  }

  async list(userId: string, page: { before?: number; limit?: number } = {}): Promise<NotificationRecord[]> {
    const { rows } = await this.sql.query<NotificationRow>('SELECT * FROM notifications WHERE user_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3', [
      userId,
      page.before ?? Number.MAX_SAFE_INTEGER,
      page.limit ?? 50,
    ]);
    return rows.map(toNotification);
  }

  async unreadCount(userId: string): Promise<number> {
    return (await this.sql.query<{ n: number }>('SELECT COUNT(*) AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL', [userId])).rows[0]!.n;
  }

  async markRead(userId: string, ids: number[] | null, at: Date = new Date()): Promise<number> {
    const result =
      ids === null
        ? await this.sql.query('UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL', [at.toISOString(), userId])
        : await this.sql.query('UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND id = ANY($3::bigint[]) AND read_at IS NULL', [at.toISOString(), userId, ids]);
    return result.rowCount ?? 0;
  }

  async existsSince(kind: NotificationKind, sectionId: string, since: Date): Promise<boolean> {
    const { rows } = await this.sql.query('SELECT 1 FROM notifications WHERE section_id = $1 AND kind = $2 AND created_at >= $3 LIMIT 1', [sectionId, kind, since.toISOString()]);
    return rows.length > 0;
  }

  async usersWithDigest(): Promise<string[]> {
    const { rows } = await this.sql.query<{ user_id: string }>(`SELECT DISTINCT user_id FROM notifications WHERE delivery = 'digest' AND digested_at IS NULL`);
    return rows.map((row) => row.user_id);
  }

  async pendingDigest(userId: string): Promise<NotificationRecord[]> {
    const { rows } = await this.sql.query<NotificationRow>(`SELECT * FROM notifications WHERE user_id = $1 AND delivery = 'digest' AND digested_at IS NULL ORDER BY id`, [userId]);
    return rows.map(toNotification);
  }

  async markDigested(ids: number[], at: Date): Promise<void> {
    await this.sql.query('UPDATE notifications SET digested_at = $1 WHERE id = ANY($2::bigint[])', [at.toISOString(), ids]);
  }

  async preferences(userId: string): Promise<Partial<Record<NotificationKind, NotificationDelivery>>> {
    const { rows } = await this.sql.query<{ kind: NotificationKind; delivery: NotificationDelivery }>('SELECT kind, delivery FROM notification_preferences WHERE user_id = $1', [userId]);
    return Object.fromEntries(rows.map((row) => [row.kind, row.delivery]));
  }

  async setPreferences(userId: string, preferences: Partial<Record<NotificationKind, NotificationDelivery>>): Promise<void> {
    const entries = Object.entries(preferences);
    if (entries.length === 0) return;
    await this.sql.query(
      `INSERT INTO notification_preferences (user_id, kind, delivery)
       SELECT $1, p.kind, p.delivery FROM unnest($2::text[], $3::text[]) AS p(kind, delivery)
       ON CONFLICT (user_id, kind) DO UPDATE SET delivery = excluded.delivery`,
      [userId, entries.map(([kind]) => kind), entries.map(([, delivery]) => delivery)],
    );
  }
}
