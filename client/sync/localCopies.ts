// Each section's document kept in this browser (IndexedDB, through y-indexeddb), so that edits
// made offline survive a reload or a closed tab and are sent when the page reconnects. One
// database per user, response and section: two people on one browser profile never share one.
import { clearDocument, IndexeddbPersistence } from 'y-indexeddb';
import type * as Y from 'yjs';
import type { SaveState, SaveTracker } from './SaveTracker';

/** How long to wait for a copy to load before connecting without it (IndexedDB can stall). */
export const LOCAL_COPY_LOAD_TIMEOUT_MS = 3_000;

const PREFIX = 'countersign';

/** Whose copy of which section. */
export interface LocalCopyKey {
  userId: string;
  responseId: string;
  sectionId: string;
}

/** The database name of a copy: `countersign:<userId>:<responseId>:<sectionId>`. */
export function localCopyName(key: LocalCopyKey): string {
  return [PREFIX, key.userId, key.responseId, key.sectionId].map(encodeURIComponent).join(':');
}

/** The key a database name stands for, or null for a database that is not a copy. */
export function parseLocalCopyName(name: string): LocalCopyKey | null {
  const parts = name.split(':');
  if (parts.length !== 4 || parts[0] !== PREFIX) return null;
  try {
    const [userId, responseId, sectionId] = parts.slice(1).map(decodeURIComponent);
    if (!userId || !responseId || !sectionId) return null;
    return { userId, responseId, sectionId };
  } catch {
    return null; // a malformed escape: not one of ours
  }
}

/** Whether this browser can keep copies (IndexedDB may be missing, as in Node). */
export function canKeepLocalCopies(): boolean {
  return typeof indexedDB !== 'undefined';
}

/** A copy being loaded into a document and kept up to date with it. */
export interface OpenedLocalCopy {
  persistence: IndexeddbPersistence;
  /** True once the copy is in the document; false if it failed or took too long. */
  loaded: Promise<boolean>;
}

/**
 * Opens the copy `name` into `doc`: what it holds is applied with the persistence as origin,
 * and every later change of the document is written to it.
 */
export function openLocalCopy(name: string, doc: Y.Doc): OpenedLocalCopy {
  const persistence = new IndexeddbPersistence(name, doc);
  // Deleting the database elsewhere (sign-out, or a reset in another tab) closes this
  // connection to it, and y-indexeddb would then throw on the document's next change, inside
  // the editor's transaction. Stop writing instead: the document is no longer kept here.
  void persistence._db.then(
    (db) => db.addEventListener('versionchange', () => void closeLocalCopy(persistence)),
    () => undefined, // reported through `loaded`
  );
  const loaded = new Promise<boolean>((resolve) => {
    // A deletion of the same database in another tab holds the open back until that tab lets
    // go; the page must not wait that long to connect.
    const timer = setTimeout(() => resolve(false), LOCAL_COPY_LOAD_TIMEOUT_MS);
    void persistence.whenSynced.then(() => {
      clearTimeout(timer);
      resolve(true);
    });
    persistence._db.catch(() => {
      clearTimeout(timer);
      resolve(false);
    });
  });
  return { persistence, loaded };
}

/** Stops keeping a document in its copy; the database stays. */
export async function closeLocalCopy(persistence: IndexeddbPersistence): Promise<void> {
  try {
    await persistence.destroy();
  } catch {
    // The database never opened: there is nothing to close.
  }
}

/** Deletes a copy; connections to it elsewhere close (see openLocalCopy). */
export async function deleteLocalCopy(name: string): Promise<void> {
  if (canKeepLocalCopies()) await clearDocument(name);
}

/** The database names of a user's copies in this browser, or null when the browser cannot list them. */
export async function localCopyNames(userId: string): Promise<ReadonlySet<string> | null> {
  if (!canKeepLocalCopies() || typeof indexedDB.databases !== 'function') return null;
  try {
    return new Set(await listLocalCopies(userId));
  } catch {
    return null;
  }
}

/** The database names of a user's copies in this browser. */
export async function listLocalCopies(userId: string): Promise<string[]> {
  if (!canKeepLocalCopies() || typeof indexedDB.databases !== 'function') return [];
  const databases = await indexedDB.databases();
  return databases
    .map((database) => database.name ?? '')
    .filter((name) => parseLocalCopyName(name)?.userId === userId);
}

// The copies this tab has open, with the trackers that know what is pending in them.
const openCopies = new Map<string, Set<SaveTracker>>();

/** Records that `tracker` follows the document kept in copy `name`, until the returned call. */
export function registerOpenCopy(name: string, tracker: SaveTracker): () => void {
  let trackers = openCopies.get(name);
  if (!trackers) {
    trackers = new Set();
    openCopies.set(name, trackers);
  }
  trackers.add(tracker);
  return () => {
    const current = openCopies.get(name);
    current?.delete(tracker);
    if (current?.size === 0) openCopies.delete(name);
  };
}

/** The save state of every copy open in this tab, by database name. */
export function openCopyStates(): Map<string, SaveState[]> {
  const states = new Map<string, SaveState[]>();
  for (const [name, trackers] of openCopies) states.set(name, [...trackers].map((tracker) => tracker.getSnapshot()));
  return states;
}
