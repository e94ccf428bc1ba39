// One section's live document: its Yjs doc, the save tracker, its channel on the page's socket
// and the copy kept in this browser.
import type { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { canKeepLocalCopies, closeLocalCopy, deleteLocalCopy, openLocalCopy, registerOpenCopy } from './localCopies';
import type { ResponseConnection } from './ResponseConnection';
import { SaveTracker } from './SaveTracker';
import { SectionChannel } from './SectionChannel';

/** Which section to connect, on which socket, and where to keep it. */
export interface SectionConnectionOptions {
  /** The response page's one socket. */
  connection: ResponseConnection;
  sectionId: string;
  /** The copy to restore the document from and keep it in (localCopyName), or null for none. */
  localCopy: string | null;
  /**
   * The copies this browser held when the page opened (null: it cannot tell). A section whose
   * copy was not among them has nothing to restore: it syncs without waiting for IndexedDB and
   * is kept in a new copy once synced. Without it, every copy is loaded first.
   */
  copiesAtOpen?: Promise<ReadonlySet<string> | null>;
}

/** A section's document, connected to its sync room. */
export interface SectionConnection {
  doc: Y.Doc;
  /** The section's channel: sync and presence (`provider.awareness` for the carets). */
  provider: SectionChannel;
  tracker: SaveTracker;
  /**
   * Deletes the browser copy `name` (whatever it held, refused edits included) and keeps the
   * document as it is now there instead. If the copy cannot be deleted, the document is kept in
   * none for the rest of this visit: loading the old copy would bring the refused edits back.
   */
  resetLocalCopy(name: string): Promise<void>;
  /** Leaves the channel and releases the document. */
  destroy(): void;
}

/**
 * Connects a document to its section's channel on the page's socket (write acknowledgements
 * always on). With a local copy, the channel opens at once but is held until the copy is loaded:
 * the server's SyncStep1 is answered only then, so that the first SyncStep2 already carries the
 * edits made offline (see SectionChannel).
 */
export function connectSection({ connection, sectionId, localCopy, copiesAtOpen }: SectionConnectionOptions): SectionConnection {
  // A guid of our own spares Yjs making a random one (31 calls for random bytes, per section).
  const doc = new Y.Doc({ guid: sectionId });
  // The tracker must listen to the doc before the channel does (see SaveTracker).
  const tracker = new SaveTracker(doc);
  const provider = new SectionChannel({ connection, sectionId, doc, tracker });
  tracker.remoteUpdatesFrom(provider);

  let persistence: IndexeddbPersistence | null = null;
  let unregister = () => {};
  let destroyed = false;
  /** Stops waiting to keep the document in a new copy (see keepOnceSynced). */
  let stopWaiting = () => {};
  const keepIn = (name: string, copy: IndexeddbPersistence) => {
    persistence = copy;
    unregister = registerOpenCopy(name, tracker);
  };
  const restoreFrom = (name: string) => {
    const opened = openLocalCopy(name, doc);
    tracker.restoreFrom(opened.persistence);
    keepIn(name, opened.persistence);
    void opened.loaded.then(() => {
      if (destroyed) return;
      tracker.restoreLoaded();
      provider.release();
    });
  };
  // A new copy starts with the whole document as it is when opened, so opening it once the
  // section has synced misses nothing typed before. It waits for the browser to be idle (the
  // page's other sections are syncing and being drawn then), or opens at once when the server
  // is out of reach.
  const keepOnceSynced = (name: string) => {
    let idle: number | null = null;
    const keep = () => {
      stopWaiting();
      keepIn(name, openLocalCopy(name, doc).persistence);
    };
    const unsubscribe = tracker.subscribe(() => {
      const state = tracker.getSnapshot();
      if (state.lostContact) keep();
      else if (state.synced && idle === null) idle = whenIdle(keep);
    });
    stopWaiting = () => {
      unsubscribe();
      if (idle !== null) cancelIdle(idle);
      stopWaiting = () => {};
    };
  };

  if (localCopy && canKeepLocalCopies()) {
    provider.hold();
    provider.connect();
    if (!copiesAtOpen) {
      restoreFrom(localCopy);
    } else {
      void copiesAtOpen.then((names) => {
        if (destroyed) return;
        if (names === null || names.has(localCopy)) return restoreFrom(localCopy);
        // Nothing to restore: sync at once (what waited is read now), and keep the section from then on.
        keepOnceSynced(localCopy);
        provider.release();
      });
    }
  } else {
    provider.connect();
  }

  return {
    doc,
    provider,
    tracker,
    async resetLocalCopy(name) {
      if (!canKeepLocalCopies()) return;
      stopWaiting();
      const previous = persistence;
      unregister();
      persistence = null;
      try {
        if (previous) await closeLocalCopy(previous);
        await deleteLocalCopy(name);
      } catch (error) {
        console.warn(`Could not delete the browser copy ${name}`, error);
        return;
      }
      if (destroyed) return;
      // A new copy starts with the whole current document. Anything it loads besides (another
      // tab wrote to it meanwhile) reaches the tracker as a local change and is sent as one.
      keepIn(name, openLocalCopy(name, doc).persistence);
    },
    destroy() {
      destroyed = true;
      stopWaiting();
      unregister();
      provider.destroy();
      tracker.destroy();
      // Pending IndexedDB writes complete before the database closes.
      if (persistence) void closeLocalCopy(persistence);
      doc.destroy();
    },
  };
}

/** How long work put off until the browser is idle may wait at most. */
const IDLE_TIMEOUT_MS = 2_000;

/** Runs `task` when the browser is idle (or after IDLE_TIMEOUT_MS); returns a handle for cancelIdle. */
function whenIdle(task: () => void): number {
  if (typeof requestIdleCallback === 'function') return requestIdleCallback(task, { timeout: IDLE_TIMEOUT_MS });
  return setTimeout(task, 200) as unknown as number;
}

function cancelIdle(handle: number): void {
  if (typeof cancelIdleCallback === 'function') cancelIdleCallback(handle);
  else clearTimeout(handle);
}
