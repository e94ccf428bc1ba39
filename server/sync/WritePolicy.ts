// What the room does with a write frame, decided before anything is applied: a read-only
// connection's update is never applied, stored or relayed; nor is one that would take the
// section past its size limit, or put into it what our editor never writes (contentPolicy).
import * as Y from 'yjs';
import { contentReason, readOnlyReason, sizeLimitReason } from '../../shared/writeRefusals';
import type { Connection } from './Connection';
import { checkUpdateContent } from './contentPolicy';
import { changesNothing, type DeleteSet } from './updateChanges';

export type WriteDecision =
  /** Apply, store, relay, acknowledge. */
  | { kind: 'apply' }
  /** Nothing in it is new (a reader's answer to our SyncStep1): acknowledge as stored. */
  | { kind: 'noop' }
  /** Refuse: nothing is applied; the client is told why. `readOnly` when the connection may not write at all. */
  | { kind: 'refuse'; reason: string; readOnly: boolean };

/** What the policy needs to know of the room. */
export interface WriteTarget {
  doc: Y.Doc;
  /** The document's delete set (cached between edits by the room). */
  deleteSet(): DeleteSet;
  /** Bytes the section takes in storage now. */
  storedBytes: number;
}

export class WritePolicy {
  constructor(private readonly options: { maxSectionBytes: number }) {}

  decide(target: WriteTarget, connection: Connection, update: Uint8Array): WriteDecision {
    const nothingNew = () => changesNothing(target.doc, update, () => target.deleteSet());
    if (!connection.canWrite) {
      return nothingNew() ? { kind: 'noop' } : { kind: 'refuse', reason: readOnlyReason(), readOnly: true };
    }
    // Deleting is allowed past the limit, so that a full section can be shortened: deletions
    // only mark what exists, so they cannot grow storage without bound, and compaction drops
    // the deleted text.
    if (target.storedBytes + update.byteLength > this.options.maxSectionBytes && insertsContent(update) && !nothingNew()) {
      return { kind: 'refuse', reason: sizeLimitReason(this.options.maxSectionBytes), readOnly: false };
    }
    const problem = checkUpdateContent(update);
    if (problem && !nothingNew()) return { kind: 'refuse', reason: contentReason(problem), readOnly: false };
    return { kind: 'apply' };
  }
}

/** Whether an update carries new content (structs), not only deletions. */
function insertsContent(update: Uint8Array): boolean {
  try {
    return Y.decodeUpdate(update).structs.length > 0;
  } catch {
    // Not decodable: the room's apply refuses it as malformed.
    return true;
  }
}
