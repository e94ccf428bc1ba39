// Where section documents live: an append-only log of Yjs updates per section, compacted into
// one state from time to time. The sync layer reaches storage only through this interface, so
// another database can stand in for SQLite.

export interface UpdateStore {
  /** Every stored update of a section, oldest first (after compaction, one state). */
  load(sectionId: string): Promise<Uint8Array[]>;
  /** Stores one update durably. Resolves only once it is committed. */
  append(sectionId: string, update: Uint8Array): Promise<void>;
  /** Replaces all stored updates of a section with one state that contains them all. */
  compact(sectionId: string, state: Uint8Array): Promise<void>;
  /** Removes a section's stored text (the section was removed). */
  deleteSection(sectionId: string): Promise<void>;
}
