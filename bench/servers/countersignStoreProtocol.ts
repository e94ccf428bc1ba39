// What the bench asks countersignStore.ts (a process of its own, with the app's yjs) to do to a
// Countersign data folder, and what it answers. Plain JSON; updates travel as files (updateFile.ts).

/** A section's stored history to put in place, as the sync server would have written it. */
export interface SeedPlan {
  docIndex: number;
  /** The updates, in the order they were applied (updateFile.ts). */
  updatesFile: string;
  /**
   * Who sent each update: the user (index into the prepared users) from an update index on,
   * sorted by `from`; null stores every update without an author (the server's own writing).
   */
  authors: Array<{ from: number; user: number }> | null;
  /** When update i was stored: startAt + i x msPerUpdate (ISO). */
  startAt: string;
  msPerUpdate: number;
  /** Compact after this many stored updates, as the room does (COMPACT_AFTER_UPDATES); null keeps one row per update. */
  compactAfter: number | null;
  /** Named versions, recorded by the server's SectionHistory from what is stored, just after update `after`. */
  versions: Array<{ after: number; name: string; user: number }>;
}

export type StoreRequest =
  | {
      op: 'prepare';
      /** Where to write the answer (JSON). */
      answer: string;
      dataDir: string;
      users: number;
      responses: number;
      docs: number;
      seed: SeedPlan | null;
    }
  | { op: 'read'; answer: string; dataDir: string; sectionIds: string[] };

/** Bytes a section takes in Countersign's database, table by table. */
export interface StoredBytes {
  /**
   * Each table's figure is every column of the section's rows at the size SQLite's record format
   * gives it (section id, blobs, text, integers), without per-row and page overhead.
   * `dataBytes`: the update blobs alone (the figure earlier runs reported).
   */
  updates: { bytes: number; dataBytes: number; rows: number };
  authorship: { bytes: number; rows: number };
  versions: { bytes: number; rows: number; snapshotBytes: number; contentBytes: number };
  databaseFileBytes: number;
}

export type StoreAnswer =
  | {
      op: 'prepare';
      docs: Array<{ responseId: string; sectionId: string }>;
      cookies: string[];
      userIds: string[];
      seeded: { rowsAppended: number; compactions: number; versions: number } | null;
    }
  | {
      op: 'read';
      /** sectionId -> the file of its stored updates (as store.updates.load returns them). */
      files: Record<string, string>;
      bytes: Record<string, StoredBytes>;
    };
