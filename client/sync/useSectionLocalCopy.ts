import { useMemo, useRef } from 'react';
import { useSession } from '../auth/session';
import { localCopyName } from './localCopies';
import type { SectionConnection } from './SectionConnection';

/** A section editor's browser copy, and its handling when the server refuses edits. */
export interface SectionLocalCopy {
  /** The copy a (re)built connection keeps its document in: none while refused edits are held. */
  forConnection(): string | null;
  /**
   * The server refused edits: the copy still holds them, and is left unopened (loading it would
   * send them again) so that they survive a reload until the user has seen them.
   */
  hold(): void;
  /** The refused edits were dismissed, or were a false alarm: the copy starts afresh. */
  release(connection: SectionConnection | null): void;
}

/** The signed-in user's copy of a section in this browser (none when signed out). */
export function useSectionLocalCopy(responseId: string, sectionId: string): SectionLocalCopy {
  const session = useSession();
  // The last user signed in: the session ending must not rebuild the editor without its copy.
  const lastUserId = useRef<string | null>(null);
  if (session.status === 'signedIn') lastUserId.current = session.user.id;
  const userId = lastUserId.current;
  const held = useRef(false);
  return useMemo(() => {
    const name = userId ? localCopyName({ userId, responseId, sectionId }) : null;
    return {
      forConnection: () => (held.current ? null : name),
      hold: () => {
        held.current = true;
      },
      release: (connection) => {
        if (!held.current || !name) return;
        held.current = false;
        void connection?.resetLocalCopy(name);
      },
    };
  }, [userId, responseId, sectionId]);
}
