// The one place where "may this connection write this room?" is decided. Connections are
// asked on connect and again whenever a section's state or a member's rights change.
import { canEdit } from '../../shared/permissions';
import type { Store } from '../store/Store';

export type RoomAccess =
  | { kind: 'unknown_response' }
  | { kind: 'unknown_section' }
  | { kind: 'not_member' }
  | { kind: 'granted'; canWrite: boolean };

/** Decides a user's access to a section's room from what is stored now. */
export function decideRoomAccess(store: Store, userId: string, responseId: string, sectionId: string): RoomAccess {
  const response = store.responses.get(responseId);
  if (!response) return { kind: 'unknown_response' };
  const membership = store.responses.getMembership(responseId, userId);
  if (!membership) return { kind: 'not_member' };
  const section = store.responses.getSection(responseId, sectionId);
  if (!section) return { kind: 'unknown_section' };
  return { kind: 'granted', canWrite: canEdit(membership, section, response) };
}
