// What the room does with a write frame, decided before anything is applied: a read-only
// connection's update is never applied, stored or relayed; nor is one that would take the
// section past its size limit, or put into it what our editor never writes (contentPolicy).
import type * as Y from 'yjs';
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
    if (target.storedBytes + update.byteLength > this.options.maxSectionBytes && !nothingNew()) {
      return { kind: 'refuse', reason: sizeLimitReason(this.options.maxSectionBytes), readOnly: false };
    }
    const problem = checkUpdateContent(update);
    if (problem && !nothingNew()) return { kind: 'refuse', reason: contentReason(problem), readOnly: false };
    return { kind: 'apply' };
  }
}
