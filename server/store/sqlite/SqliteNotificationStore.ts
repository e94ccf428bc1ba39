import type { NotificationDelivery, NotificationKind } from '../../../shared/notifications';
import type { NotificationStore } from '../NotificationStore';
import type { NewNotification, NotificationRecord } from '../records';
import { type NotificationRow, toNotification } from '../rows/notificationRows';
import type { SqliteConnection } from './SqliteConnection';

/** NotificationStore on SQLite (the tables `notifications` and `notification_preferences`). */
export class SqliteNotificationStore implements NotificationStore {
  constructor(private readonly conn: SqliteConnection) {}

  add(n: NewNotification): Promise<NotificationRecord | null> {
    return this.conn.run(() => {
      const result = this.conn.sql(
          `INSERT INTO notifications (key, user_id, response_id, section_id, kind, title, detail, actor_name, path, delivery, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING`,
        )
        .run(n.key, n.userId, n.responseId, n.sectionId, n.kind, n.title, n.detail, n.actorName, n.path, n.delivery, new Date().toISOString());
      if (result.changes === 0) return null;
      return toNotification(this.conn.sql<[number | bigint], NotificationRow>('SELECT * FROM notifications WHERE id = ?').get(result.lastInsertRowid)!);
    });
  }

  list(userId: string, page: { before?: number; limit?: number } = {}): Promise<NotificationRecord[]> {
    return this.conn.run(() =>
      this.conn.sql<[string, number, number], NotificationRow>('SELECT * FROM notifications WHERE user_id = ? AND id < ? ORDER BY id DESC LIMIT ?')
        .all(userId, page.before ?? Number.MAX_SAFE_INTEGER, page.limit ?? 50)
        .map(toNotification),
    );
  }

  unreadCount(userId: string): Promise<number> {
    return this.conn.run(() => this.conn.sql<[string], { n: number }>('SELECT COUNT(*) AS n FROM notifications WHERE user_id = ? AND read_at IS NULL').get(userId)!.n);
  }

  markRead(userId: string, ids: number[] | null, at: Date = new Date()): Promise<number> {
    return this.conn.run(() => {
      if (ids === null) {
        return this.conn.sql('UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL').run(at.toISOString(), userId).changes;
      }
      const statement = this.conn.sql('UPDATE notifications SET read_at = ? WHERE user_id = ? AND id = ? AND read_at IS NULL');
      let changed = 0;
      for (const id of ids) changed += statement.run(at.toISOString(), userId, id).changes;
      return changed;
    });
  }

  existsSince(kind: NotificationKind, sectionId: string, since: Date): Promise<boolean> {
    return this.conn.run(
      () =>
        this.conn.sql<[string, string, string], { n: number }>('SELECT COUNT(*) AS n FROM notifications WHERE section_id = ? AND kind = ? AND created_at >= ?')
          .get(sectionId, kind, since.toISOString())!.n > 0,
    );
  }

  usersWithDigest(): Promise<string[]> {
    return this.conn.run(() =>
      this.conn.sql<[], { user_id: string }>(`SELECT DISTINCT user_id FROM notifications WHERE delivery = 'digest' AND digested_at IS NULL`)
        .all()
        .map((row) => row.user_id),
    );
  }

  pendingDigest(userId: string): Promise<NotificationRecord[]> {
    return this.conn.run(() =>
      this.conn.sql<[string], NotificationRow>(`SELECT * FROM notifications WHERE user_id = ? AND delivery = 'digest' AND digested_at IS NULL ORDER BY id`)
        .all(userId)
        .map(toNotification),
    );
  }

  markDigested(ids: number[], at: Date): Promise<void> {
    return this.conn.run(() => {
      const statement = this.conn.sql('UPDATE notifications SET digested_at = ? WHERE id = ?');
      for (const id of ids) statement.run(at.toISOString(), id);
    });
  }

  preferences(userId: string): Promise<Partial<Record<NotificationKind, NotificationDelivery>>> {
    return this.conn.run(() =>
      Object.fromEntries(
        this.conn.sql<[string], { kind: NotificationKind; delivery: NotificationDelivery }>('SELECT kind, delivery FROM notification_preferences WHERE user_id = ?')
          .all(userId)
          .map((row) => [row.kind, row.delivery]),
      ),
    );
  }

  setPreferences(userId: string, preferences: Partial<Record<NotificationKind, NotificationDelivery>>): Promise<void> {
    return this.conn.run(() => {
      const statement = this.conn.sql(
        `INSERT INTO notification_preferences (user_id, kind, delivery) VALUES (?, ?, ?)
         ON CONFLICT (user_id, kind) DO UPDATE SET delivery = excluded.delivery`,
      );
      for (const [kind, delivery] of Object.entries(preferences)) statement.run(userId, kind, delivery);
    });
  }
}
