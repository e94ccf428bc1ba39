// Notices an update that wipes much of a section's text, so that it is on the record: a writer
// may delete what others wrote, but not without a trace (the history keeps the text itself).
import * as Y from 'yjs';

/** A deletion is large from this many characters, if it is also this share of the text... */
const LARGE_DELETION_CHARS = 200;
const LARGE_DELETION_SHARE = 0.5;
/** ...and always from this many. */
const ALWAYS_LARGE_CHARS = 2_000;

/** Characters of visible text in a document. */
function visibleChars(doc: Y.Doc): number {
  let count = 0;
  for (const structs of doc.store.clients.values()) {
    for (const struct of structs) {
      if (struct instanceof Y.Item && !struct.deleted && struct.content instanceof Y.ContentString) count += struct.length;
    }
  }
  return count;
}

export class LargeDeletionWatch {
  /** Visible characters now, kept up to date with each transaction. */
  private chars: number | null = null;

  constructor(
    private readonly doc: Y.Doc,
    private readonly onLarge: (origin: unknown, deleted: number, before: number) => void,
  ) {
    doc.on('afterTransaction', this.afterTransaction);
  }

  private readonly afterTransaction = (transaction: Y.Transaction): void => {
    // Counted from the whole document once, on the first change; incrementally after that.
    const before = this.chars ?? visibleChars(this.doc) + this.deletedBy(transaction) - this.insertedBy(transaction);
    const deleted = this.deletedBy(transaction);
    this.chars = before - deleted + this.insertedBy(transaction);
    if (deleted >= ALWAYS_LARGE_CHARS || (deleted >= LARGE_DELETION_CHARS && deleted >= before * LARGE_DELETION_SHARE)) {
      this.onLarge(transaction.origin, deleted, before);
    }
  };

  private deletedBy(transaction: Y.Transaction): number {
    let count = 0;
    Y.iterateDeletedStructs(transaction, transaction.deleteSet, (struct) => {
      // Inserted and deleted in the same transaction: it was never visible.
      if (struct instanceof Y.Item && struct.content instanceof Y.ContentString && (transaction.beforeState.get(struct.id.client) ?? 0) > struct.id.clock) {
        count += struct.length;
      }
    });
    return count;
  }

  private insertedBy(transaction: Y.Transaction): number {
    let count = 0;
    for (const [client, after] of transaction.afterState) {
      const start = transaction.beforeState.get(client) ?? 0;
      if (after <= start) continue;
      const structs = this.doc.store.clients.get(client) ?? [];
      // The structs of a client are sorted by clock: start where this transaction's begin.
      for (let i = Y.findIndexSS(structs, start); i < structs.length; i++) {
        const struct = structs[i]!;
        if (struct instanceof Y.Item && !struct.deleted && struct.content instanceof Y.ContentString) {
          count += Math.min(struct.id.clock + struct.length, after) - Math.max(struct.id.clock, start);
        }
      }
    }
    return count;
  }

  destroy(): void {
    this.doc.off('afterTransaction', this.afterTransaction);
  }
}
