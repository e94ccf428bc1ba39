// Where section documents live: an append-only log of Yjs updates per section, each with the
// member who sent it, compacted into one state from time to time. Compaction keeps who wrote
// and who deleted what (as merged ranges of Yjs ids), so history and authorship survive it. The
// sync layer reaches storage only through this interface, so another database can stand in.
import type { AuthorshipRange } from '../history/authorship';

/** Who sent an update, and when it was stored. */
export interface UpdateAuthor {
  userId: string;
  at: string;
}

export interface UpdateStore {
  /** Every stored update of a section, oldest first (after compaction, one state first). */
  load(sectionId: string): Promise<Uint8Array[]>;
  /**
   * Stores one update durably, with its author (none for the server's own, such as seeding).
   * Resolves once committed. Rejects with SectionLockedError, storing nothing, when the section
   * is signed off (whichever instance signed it off: see Store.sectionBarrier).
   */
  append(sectionId: string, update: Uint8Array, author?: UpdateAuthor | null): Promise<void>;
  /**
   * Replaces the stored updates of a section that `state` contains with that one state, moving
   * what they record of authorship into the section's authorship ranges. A stored update the
   * state does not contain (one another instance stored meanwhile) stays as it is.
   */
  compact(sectionId: string, state: Uint8Array): Promise<void>;
  /** Who inserted and deleted what in a section, compacted and not, in storage order. */
  authorship(sectionId: string): Promise<AuthorshipRange[]>;
  /** Removes a section's stored text and its authorship (the section was removed). */
  deleteSection(sectionId: string): Promise<void>;
}
