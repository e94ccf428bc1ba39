// A room's presence (who is here, where their caret is), as the server allows it: a connection
// may set presence only for the client ids it holds (a few), and what it sets is rewritten
// (awarenessIdentity) so that names, roles and colours are the server's word.
import * as awarenessProtocol from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { encodeAwareness } from '../../shared/syncMessages';
import { MAX_AWARENESS_IDS_PER_CONNECTION, rewriteAwarenessUpdate } from './awarenessIdentity';
import { SharedMessage } from './binaryFrame';
import { Connection } from './Connection';

/** The origin of presence that another instance's connections set. */
const REMOTE_PRESENCE = Symbol('remote presence');

export class RoomPresence {
  private readonly awareness: awarenessProtocol.Awareness;
  /** Client ids whose presence another instance's connections set (until it is removed). */
  private readonly remoteIds = new Set<number>();

  constructor(
    doc: Y.Doc,
    private readonly connections: ReadonlySet<Connection>,
    /** Told of each change made here (for the other instances). */
    private readonly onLocalChange?: (update: Uint8Array) => void,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.relay);
  }

  /**
   * Takes a presence update from a connection: the part it may set is rewritten and applied
   * (and so relayed). Returns whether anything was new: a frame that only echoes others'
   * presence (y-websocket's provider sends back every change it receives) is not. Throws on a
   * malformed update.
   */
  receive(connection: Connection, update: Uint8Array): boolean {
    const rewritten = rewriteAwarenessUpdate(update, connection.identity, (clientId, removal) => this.mayUseId(connection, clientId, removal));
    if (rewritten) awarenessProtocol.applyAwarenessUpdate(this.awareness, rewritten, connection);
    return rewritten !== null;
  }

  /** Applies presence that another instance took from its connections (and rewrote) already. */
  applyRemote(update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE_PRESENCE);
  }

  /** Tells the other instances (onLocalChange) the presence set here, for a room of theirs that just opened. */
  announce(): void {
    const local = [...this.awareness.getStates().keys()].filter((id) => !this.remoteIds.has(id));
    if (local.length > 0) this.onLocalChange?.(awarenessProtocol.encodeAwarenessUpdate(this.awareness, local));
  }

  /** Sends a connection everyone's presence (on joining, or when it asks). */
  sendAll(connection: Connection, asAnswer = false): void {
    const present = [...this.awareness.getStates().keys()];
    if (present.length === 0 && !asAnswer) return;
    const message = this.message(present);
    if (asAnswer) connection.sendAnswer(message);
    else connection.send(message);
    connection.grantEchoCredit();
  }

  /** Removes a departing connection's presence, and forgets its ids' clocks. */
  forget(connection: Connection): void {
    const ids = [...connection.awarenessIds];
    awarenessProtocol.removeAwarenessStates(this.awareness, ids, null);
    // y-protocols keeps a clock for every client id it has seen; forget the departed.
    for (const id of ids) this.awareness.meta.delete(id);
  }

  destroy(): void {
    this.awareness.destroy();
  }

  /** A connection may set presence for its own client ids (a few), and remove only those. */
  private mayUseId(connection: Connection, clientId: number, removal: boolean): boolean {
    if (connection.awarenessIds.has(clientId)) return true;
    if (removal || clientId === this.awareness.clientID) return false;
    // An id set through another instance is not for a connection here to take, not even by
    // echoing it back (as every y-websocket provider does): leaving, it would remove it. A
    // client that moved here from another instance gets its id back once that instance lets go.
    if (this.remoteIds.has(clientId)) return false;
    for (const other of this.connections) {
      if (other !== connection && other.awarenessIds.has(clientId)) return false;
    }
    if (connection.awarenessIds.size >= MAX_AWARENESS_IDS_PER_CONNECTION) return false;
    // Claimed at once, so one frame cannot claim more than the limit.
    connection.awarenessIds.add(clientId);
    return true;
  }

  private readonly relay = (changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void => {
    if (origin instanceof Connection) {
      for (const id of [...changes.added, ...changes.updated]) origin.awarenessIds.add(id);
      for (const id of changes.removed) origin.awarenessIds.delete(id);
    }
    if (origin === REMOTE_PRESENCE) for (const id of [...changes.added, ...changes.updated]) this.remoteIds.add(id);
    for (const id of changes.removed) this.remoteIds.delete(id);
    const changed = [...changes.added, ...changes.updated, ...changes.removed];
    if (changed.length === 0) return;
    if (origin !== REMOTE_PRESENCE && this.onLocalChange) this.onLocalChange(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    const message = new SharedMessage(this.message(changed));
    for (const connection of this.connections) {
      connection.sendShared(message);
      connection.grantEchoCredit();
    }
  };

  private message(clientIds: number[]): Uint8Array {
    return encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clientIds));
  }
}
