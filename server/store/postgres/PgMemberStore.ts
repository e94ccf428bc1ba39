import type { Member } from '../../../shared/api';
import type { Capacity, Membership, RoleId } from '../../../shared/model';
import type { MemberStore } from '../MemberStore';
import { type MemberRow, toMember } from '../rows/memberRows';
import type { Sql } from './PgConnection';

/** MemberStore on PostgreSQL (the table `members`; names and addresses read from `users`). */
export class PgMemberStore implements MemberStore {
  constructor(private readonly sql: Sql) {}

  async get(responseId: string, userId: string): Promise<Membership | null> {
    const row = (
      await this.sql.query<{ role: RoleId; capacity: Capacity; administrator: boolean }>(
        'SELECT role, capacity, administrator FROM members WHERE response_id = $1 AND user_id = $2',
        [responseId, userId],
      )
    ).rows[0];
    return row ? { role: row.role, capacity: row.capacity, administrator: row.administrator } : null;
  }

  async list(responseId: string): Promise<Member[]> {
    // Names compared byte by byte, as SQLite does: the same order on both databases.
    const { rows } = await this.sql.query<MemberRow<boolean>>(
      `SELECT m.user_id, u.name, u.email, m.role, m.capacity, m.administrator
       FROM members m JOIN users u ON u.id = m.user_id WHERE m.response_id = $1 ORDER BY u.name COLLATE "C", m.user_id`,
      [responseId],
    );
    return rows.map((row) => toMember(row, row.administrator));
  }

  async set(responseId: string, userId: string, membership: Membership): Promise<void> {
    await this.sql.query(
      `INSERT INTO members (response_id, user_id, role, capacity, administrator) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (response_id, user_id) DO UPDATE
       SET role = excluded.role, capacity = excluded.capacity, administrator = excluded.administrator`,
      [responseId, userId, membership.role, membership.capacity, membership.administrator],
    );
  }

  async remove(responseId: string, userId: string): Promise<boolean> {
    return ((await this.sql.query('DELETE FROM members WHERE response_id = $1 AND user_id = $2', [responseId, userId])).rowCount ?? 0) > 0;
  }

  async responseIdsOf(userId: string): Promise<string[]> {
    const { rows } = await this.sql.query<{ response_id: string }>('SELECT response_id FROM members WHERE user_id = $1', [userId]);
    return rows.map((row) => row.response_id);
  }
}
