// Rows of invitations as both databases return them, and their records.
import type { Capacity, RoleId } from '../../../shared/model';
import type { Invitation } from '../records';

/** `Flag` is the administrator column as the driver returns it: boolean on PostgreSQL, 0 or 1 on SQLite. */
export interface InvitationRow<Flag> {
  id: string;
  response_id: string;
  email: string;
  role: RoleId;
  capacity: Capacity;
  administrator: Flag;
  created_by: string;
  created_at: string | null;
  expires_at: string;
  code_hash: string | null;
  code_expires_at: string | null;
  code_attempts: number;
  codes_sent: number;
}

/** The invitation, given the administrator flag already read in the implementation's own way. */
export function toInvitation(row: InvitationRow<unknown>, administrator: boolean): Invitation {
  return {
    id: row.id,
    responseId: row.response_id,
    email: row.email,
    role: row.role,
    capacity: row.capacity,
    administrator,
    createdBy: row.created_by,
    createdAt: row.created_at ?? row.expires_at,
    expiresAt: row.expires_at,
    codeHash: row.code_hash,
    codeExpiresAt: row.code_expires_at,
    codeAttempts: row.code_attempts,
    codesSent: row.codes_sent,
  };
}
