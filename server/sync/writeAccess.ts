// The one place where "may this connection write this room?" is decided. Connections are
// asked on connect and again whenever a section's state or a member's rights change.
import { canEdit } from '../../shared/permissions';
import type { Stores } from '../store/Store';

export type RoomAccess =
  | { kind: 'unknown_response' }
  | { kind: 'unknown_section' }
  | { kind: 'not_member' }
  | { kind: 'granted'; canWrite: boolean };

/** Decides a user's access to a section's room from what is stored now. */
export async function decideRoomAccess(store: Stores, userId: string, responseId: string, sectionId: string): Promise<RoomAccess> {
  const [response, membership, section] = await Promise.all([
    store.responses.get(responseId),
    store.members.get(responseId, userId),
    store.responses.getSection(responseId, sectionId),
  ]);
  if (!response) return { kind: 'unknown_response' };
  if (!membership) return { kind: 'not_member' };
  if (!section) return { kind: 'unknown_section' };
  return { kind: 'granted', canWrite: canEdit(membership, section, response) };
}
