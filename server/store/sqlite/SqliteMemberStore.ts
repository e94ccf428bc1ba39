import type { Member } from '../../../shared/api';
import type { Capacity, Membership, RoleId } from '../../../shared/model';
import type { MemberStore } from '../MemberStore';
import { type MemberRow, toMember } from '../rows/memberRows';
import type { SqliteConnection } from './SqliteConnection';

/** MemberStore on SQLite (the table `members`; names and addresses read from `users`). */
export class SqliteMemberStore implements MemberStore {
  constructor(private readonly conn: SqliteConnection) {}

  get(responseId: string, userId: string): Promise<Membership | null> {
    return this.conn.run(() => {
      const row = this.conn.sql<[string, string], { role: RoleId; capacity: Capacity; administrator: number }>(
          'SELECT role, capacity, administrator FROM members WHERE response_id = ? AND user_id = ?',
        )
        .get(responseId, userId);
      return row ? { role: row.role, capacity: row.capacity, administrator: row.administrator === 1 } : null;
    });
  }

  list(responseId: string): Promise<Member[]> {
    return this.conn.run(() =>
      this.conn.sql<[string], MemberRow<number>>(
          `SELECT m.user_id, u.name, u.email, m.role, m.capacity, m.administrator
           FROM members m JOIN users u ON u.id = m.user_id WHERE m.response_id = ? ORDER BY u.name`,
        )
        .all(responseId)
        .map((row) => toMember(row, row.administrator === 1)),
    );
  }

  set(responseId: string, userId: string, membership: Membership): Promise<void> {
    return this.conn.run(() => {
      this.conn.sql(
          `INSERT INTO members (response_id, user_id, role, capacity, administrator) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (response_id, user_id) DO UPDATE
           SET role = excluded.role, capacity = excluded.capacity, administrator = excluded.administrator`,
        )
        .run(responseId, userId, membership.role, membership.capacity, membership.administrator ? 1 : 0);
    });
  }

  remove(responseId: string, userId: string): Promise<boolean> {
    return this.conn.run(() => this.conn.sql('DELETE FROM members WHERE response_id = ? AND user_id = ?').run(responseId, userId).changes > 0);
  }

  responseIdsOf(userId: string): Promise<string[]> {
    return this.conn.run(() =>
      this.conn.sql<[string], { response_id: string }>('SELECT response_id FROM members WHERE user_id = ?').all(userId).map((row) => row.response_id),
    );
  }
}
