// Rows of members (with the member's name and address from users) as both databases return them.
import type { Member } from '../../../shared/api';
import type { Capacity, RoleId } from '../../../shared/model';

/** `Flag` is the administrator column as the driver returns it: boolean on PostgreSQL, 0 or 1 on SQLite. */
export interface MemberRow<Flag> {
  user_id: string;
  name: string;
  email: string;
  role: RoleId;
  capacity: Capacity;
  administrator: Flag;
}

/** The member, given the administrator flag already read in the implementation's own way. */
export function toMember(row: MemberRow<unknown>, administrator: boolean): Member {
  return { userId: row.user_id, name: row.name, email: row.email, role: row.role, capacity: row.capacity, administrator };
}
