import * as Y from 'yjs';
import { encodeSyncStep2 } from '../../shared/syncMessages';
import { SharedMessage } from './binaryFrame';
import { StateWaiters } from './StateWaiters';
import type { DeleteSet } from './updateChanges';

/** The origin of stored state read into the document: not a change anyone made. */
export const LOAD_ORIGIN = Symbol('load');

/** What applying updates did: the part the document took in (null if nothing), and the error Yjs threw, if it did. */
export interface Applied {
  update: Uint8Array | null;
  error: unknown;
}

/**
 * A room's Yjs document and what is derived from it, each rebuilt only after the document
 * changed: its delete set (the write policy reads it), the answer for a client that has nothing,
 * and the sign-offs waiting for it to hold a signer's edits. Deleted content is kept (gc off):
 * the section's history shows it, and who deleted it.
 */
export class RoomDocument {
  readonly ydoc = new Y.Doc({ gc: false });
  /** Sign-offs waiting for the document to hold a signer's edits. */
  readonly waiters = new StateWaiters(this.ydoc);
  private lastApplied: Uint8Array | null = null;
  private cachedDeleteSet: DeleteSet | null = null;
  private cachedFullAnswer: SharedMessage | null = null;

  constructor() {
    this.ydoc.on('update', (update: Uint8Array, origin: unknown) => {
      this.cachedDeleteSet = null;
      this.cachedFullAnswer = null;
      if (origin !== LOAD_ORIGIN) this.lastApplied = update;
      this.waiters.changed();
    });
  }

  /**
   * Runs `apply` (which applies updates to the document) and says what the document took in.
   * Even an apply that throws may have integrated part of its update: that part is returned too.
   */
  capture(apply: () => void): Applied {
    this.lastApplied = null;
    let error: unknown = null;
    try {
      apply();
    } catch (thrown) {
      error = thrown;
    }
    const update = this.lastApplied as Uint8Array | null;
    this.lastApplied = null;
    return { update, error };
  }

  /**
   * Applies stored updates one by one in one transaction: Y.mergeUpdates grows far worse than
   * linearly with the number of rows (a long log, where compaction kept failing, would never open).
   */
  applyAll(updates: readonly Uint8Array[], origin: unknown): void {
    this.ydoc.transact(() => {
      for (const update of updates) Y.applyUpdate(this.ydoc, update, origin);
    }, origin);
  }

  /** The document's delete set. */
  deleteSet(): DeleteSet {
    return (this.cachedDeleteSet ??= Y.createDeleteSetFromStructStore(this.ydoc.store));
  }

  /** The SyncStep2 for a client that has nothing: many open a section so, and share one encoding of it. */
  fullAnswer(): SharedMessage {
    return (this.cachedFullAnswer ??= new SharedMessage(encodeSyncStep2(Y.encodeStateAsUpdate(this.ydoc))));
  }

  destroy(): void {
    this.waiters.cancelAll();
    this.ydoc.destroy();
  }
}
