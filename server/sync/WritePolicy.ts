// What the room does with a write frame, decided before anything is applied: a read-only
// connection's update is never applied, stored or relayed; nor is one that would take the
// section past its size limit, or put into it what our editor never writes (contentPolicy).
import * as Y from 'yjs';
import { contentReason, identityReason, readOnlyReason, sizeLimitReason } from '../../shared/writeRefusals';
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
  /** The member who holds a Yjs client id in this section (the first who wrote with it). */
  clientOwner(client: number): string | undefined;
}

export class WritePolicy {
  constructor(private readonly options: { maxSectionBytes: number }) {}

  decide(target: WriteTarget, connection: Connection, update: Uint8Array): WriteDecision {
    // A frame that brings nothing (a client answering our state vector after a reconnect) is
    // not a change, whoever sends it.
    if (changesNothing(target.doc, update, () => target.deleteSet())) return { kind: 'noop' };
    if (!connection.canWrite) return { kind: 'refuse', reason: readOnlyReason(), readOnly: true };
    // Deleting is allowed past the limit, so that a full section can still be shortened:
    // deletions only mark what exists, so they cannot grow storage without bound. (They make
    // no room: the history keeps deleted text.)
    if (target.storedBytes + update.byteLength > this.options.maxSectionBytes && insertsContent(update)) {
      return { kind: 'refuse', reason: sizeLimitReason(this.options.maxSectionBytes), readOnly: false };
    }
    const borrowed = this.borrowedClient(target, connection, update);
    if (borrowed !== null) {
      return { kind: 'refuse', reason: identityReason(borrowed), readOnly: false };
    }
    const problem = checkUpdateContent(update);
    if (problem) return { kind: 'refuse', reason: contentReason(problem), readOnly: false };
    return { kind: 'apply' };
  }

  /**
   * A Yjs client id in the update, bringing new content, that another member first wrote with;
   * null when there is none. Authorship is recorded per client id, so one member's update
   * must never carry another's: it would make their text appear as the other's.
   */
  private borrowedClient(target: WriteTarget, connection: Connection, update: Uint8Array): number | null {
    const have = Y.decodeStateVector(Y.encodeStateVector(target.doc));
    for (const struct of Y.decodeUpdate(update).structs) {
      if (struct instanceof Y.Skip || struct.id.clock + struct.length <= (have.get(struct.id.client) ?? 0)) continue;
      const owner = target.clientOwner(struct.id.client);
      if (owner !== undefined && owner !== connection.identity.userId) return struct.id.client;
    }
    return null;
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
