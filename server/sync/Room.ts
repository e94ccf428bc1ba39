import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import {
  CLOSE_MALFORMED,
  CLOSE_RATE_LIMITED,
  CLOSE_SERVER_BEHIND,
  MESSAGE_AUTH,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  MESSAGE_WRITE_ACK,
  SYNC_STEP1,
  SYNC_STEP2,
  SYNC_UPDATE,
  WRITE_INCOMPLETE,
  WRITE_REFUSED,
  WRITE_STORED,
} from '../../shared/protocol';
import { log, logSecurity } from '../log';
import type { UpdateStore } from '../store/UpdateStore';
import { MAX_AWARENESS_IDS_PER_CONNECTION, rewriteAwarenessUpdate } from './awarenessIdentity';
import { SharedMessage } from './binaryFrame';
import { Connection } from './Connection';
import { COMPACT_AFTER_UPDATES, STORE_RETRY_MAX_MS, STORE_RETRY_MIN_MS } from './limits';
import { changesNothing, type DeleteSet } from './updateChanges';

/** A frame we cannot make sense of: the connection that sent it is closed. */
class MalformedMessage extends Error {}

const LOAD_ORIGIN = Symbol('load');

export interface RoomOptions {
  responseId: string;
  sectionId: string;
  store: UpdateStore;
  /** Called (inside the room's queue) when the last connection has left. */
  onEmpty: (room: Room) => void;
  /** Called when a read-only connection tries to write (the first time per connection). */
  onRefusedWrite?: (room: Room, connection: Connection) => void;
}

export type RoomState = 'loading' | 'ready' | 'failed' | 'destroyed';

/**
 * One section's live document: its Yjs doc, presence and connections.
 *
 * Everything that touches the document runs in one queue, in arrival order: the load from
 * storage first, then each message. So no client is synced before the room is loaded, every
 * update is stored before it is relayed or acknowledged, and a barrier (`runExclusive`) sees
 * exactly the updates received before it.
 */
export class Room {
  private readonly ydoc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.ydoc);
  readonly connections = new Set<Connection>();
  state: RoomState = 'loading';
  /** Writes refused from read-only connections since the room loaded. */
  refusedWrites = 0;
  /** Set when the section is removed: nothing more is stored for it. */
  discarded = false;
  private queue: Promise<void>;
  private updatesSinceCompaction = 0;
  private lastAppliedUpdate: Uint8Array | null = null;
  /** The document's delete set, rebuilt only after the document changed. */
  private deleteSet: DeleteSet | null = null;
  /**
   * The stored state, read at load but not yet applied to the document. Decoding a long
   * document takes ~100 ms in a freshly started process and encoding it again for a client
   * ~50 ms; a client that opens the section with nothing (every first open) is sent this row as
   * it is, and the document is built just after (see `doc`).
   */
  private unappliedState: Uint8Array | null = null;
  /** Connections that have not had our state vector yet: it is sent once the document is built. */
  private readonly ungreeted = new Set<Connection>();

  constructor(private readonly options: RoomOptions) {
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
    this.ydoc.on('update', (update: Uint8Array, origin: unknown) => {
      this.deleteSet = null;
      if (origin instanceof Connection) this.lastAppliedUpdate = update;
    });
    this.awareness.on('update', this.relayAwareness);
    this.queue = this.load();
  }

  /** The section's document, built from the stored state the first time it is needed. */
  get doc(): Y.Doc {
    if (this.unappliedState) this.applyStoredState();
    return this.ydoc;
  }

  get name(): string {
    return `${this.options.responseId}/${this.options.sectionId}`;
  }

  get responseId(): string {
    return this.options.responseId;
  }

  get sectionId(): string {
    return this.options.sectionId;
  }

  /** Adds a connection; it is synced once the room has loaded. */
  addConnection(connection: Connection): void {
    this.connections.add(connection);
    void this.enqueue(() => this.greet(connection));
  }

  /** Takes a frame from a connection, within its rate and buffer limits. */
  receive(connection: Connection, data: Uint8Array): void {
    // Presence never touches the document, so once the room is loaded it need not wait behind
    // updates being stored.
    if (this.state === 'ready' && data[0] === MESSAGE_AWARENESS) {
      this.receiveAwareness(connection, data);
      return;
    }
    if (!connection.takeMessageToken()) {
      logSecurity('sync.rate_limited', { room: this.name, userId: connection.identity.userId });
      connection.close(CLOSE_RATE_LIMITED, 'Too many messages');
      return;
    }
    if (!connection.canQueue(data.byteLength)) {
      connection.close(CLOSE_SERVER_BEHIND, 'Too much data waiting to be processed');
      return;
    }
    connection.pendingBytes += data.byteLength;
    void this.enqueue(async () => {
      connection.pendingBytes -= data.byteLength;
      // A connection we closed for misbehaving has nothing more to say. One that the client
      // closed still has its last updates processed: they were sent, so they count.
      if (connection.closedByServer) return;
      try {
        await this.process(connection, data);
      } catch (error) {
        // Decoding errors come from lib0 as plain Errors and RangeErrors; whatever the cause,
        // only the connection that sent the frame is closed.
        this.closeMalformed(connection, error);
      }
    });
  }

  private closeMalformed(connection: Connection, error: unknown): void {
    const reason = error instanceof Error ? error.message : String(error);
    logSecurity('sync.malformed_frame', { room: this.name, userId: connection.identity.userId, reason });
    connection.close(CLOSE_MALFORMED, `Malformed message: ${reason}`);
  }

  /**
   * y-websocket's provider sends back every presence change it receives, so a frame that only
   * echoes others' presence is paid for with what we sent that connection, not with its own
   * message allowance: a busy room must not rate-limit honest clients.
   */
  private receiveAwareness(connection: Connection, data: Uint8Array): void {
    if (connection.closedByServer) return;
    let rewritten: Uint8Array | null;
    try {
      const decoder = decoding.createDecoder(data);
      decoding.readVarUint(decoder);
      rewritten = rewriteAwarenessUpdate(decoding.readVarUint8Array(decoder), connection.identity, (clientId, removal) =>
        this.mayUseAwarenessId(connection, clientId, removal),
      );
    } catch (error) {
      this.closeMalformed(connection, error);
      return;
    }
    const paid = rewritten ? connection.takeMessageToken() : connection.takeEchoCredit() || connection.takeMessageToken();
    if (!paid) {
      logSecurity('sync.rate_limited', { room: this.name, userId: connection.identity.userId });
      connection.close(CLOSE_RATE_LIMITED, 'Too many messages');
      return;
    }
    if (rewritten) awarenessProtocol.applyAwarenessUpdate(this.awareness, rewritten, connection);
  }

  /** Removes a connection once its queued messages are processed. */
  removeConnection(connection: Connection): void {
    void this.enqueue(() => {
      if (!this.connections.delete(connection)) return;
      this.ungreeted.delete(connection);
      const ids = [...connection.awarenessIds];
      awarenessProtocol.removeAwarenessStates(this.awareness, ids, null);
      // y-protocols keeps a clock for every client id it has seen; forget the departed.
      for (const id of ids) this.awareness.meta.delete(id);
      if (this.connections.size === 0) this.options.onEmpty(this);
    });
  }

  /** Runs a task after every message received so far, before any received later. */
  runExclusive<T>(task: () => T | Promise<T>): Promise<T> {
    return this.enqueue(task);
  }

  /** Stores the document as one state, replacing its update log. */
  async compact(): Promise<void> {
    // A document never built has not changed: what is stored is already one state.
    if (this.state !== 'ready' || this.discarded || this.unappliedState) return;
    await this.options.store.compact(this.sectionId, Y.encodeStateAsUpdate(this.doc));
    this.updatesSinceCompaction = 1;
  }

  /** Frees memory; the room must have no connections. */
  destroy(): void {
    this.state = 'destroyed';
    this.unappliedState = null;
    this.ungreeted.clear();
    this.awareness.destroy();
    this.ydoc.destroy();
  }

  private enqueue<T>(task: () => T | Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    // The queue itself never rejects: one failed task must not stop the room.
    this.queue = run.then(
      () => undefined,
      (error: unknown) => log.error('sync.task_failed', { room: this.name, error: String(error) }),
    );
    return run;
  }

  private async load(): Promise<void> {
    try {
      const updates = await this.options.store.load(this.sectionId);
      this.updatesSinceCompaction = updates.length;
      this.state = 'ready';
      if (updates.length === 1) {
        this.unappliedState = updates[0]!;
        return;
      }
      // One by one in one transaction: Y.mergeUpdates grows far worse than linearly with the
      // number of rows (a long log, where compaction kept failing, would never open).
      this.ydoc.transact(() => {
        for (const update of updates) Y.applyUpdate(this.ydoc, update, LOAD_ORIGIN);
      }, LOAD_ORIGIN);
    } catch (error) {
      this.failLoad(error);
    }
  }

  private failLoad(error: unknown): void {
    this.state = 'failed';
    log.error('sync.load_failed', { room: this.name, error: String(error) });
    for (const connection of this.connections) connection.close(1011, 'This section could not be loaded');
  }

  private buildDocument(): void {
    if (this.state === 'ready' && this.unappliedState) this.applyStoredState();
  }

  /** Builds the document from the stored state kept by `load`, then greets who is waiting. */
  private applyStoredState(): void {
    const state = this.unappliedState!;
    this.unappliedState = null;
    try {
      Y.applyUpdate(this.ydoc, state, LOAD_ORIGIN);
    } catch (error) {
      this.failLoad(error);
      throw error;
    }
    for (const connection of this.ungreeted) this.sendStateVector(connection);
    this.ungreeted.clear();
  }

  /** Starts the y-websocket handshake from our side: our state vector, and who is here. */
  private greet(connection: Connection): void {
    if (this.state !== 'ready') {
      connection.close(1011, 'This section could not be loaded');
      return;
    }
    // Our state vector only asks the client for what it has that we lack; a client is synced
    // by our answer to its own SyncStep1. So it can wait until the document is built.
    if (this.unappliedState) this.ungreeted.add(connection);
    else this.sendStateVector(connection);
    const present = [...this.awareness.getStates().keys()];
    if (present.length > 0) {
      connection.send(this.awarenessMessage(present));
      connection.grantEchoCredit();
    }
  }

  private sendStateVector(connection: Connection): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(encoder, this.ydoc);
    connection.send(encoding.toUint8Array(encoder));
  }

  private async process(connection: Connection, data: Uint8Array): Promise<void> {
    if (this.state !== 'ready') return;
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MESSAGE_SYNC:
        return this.processSync(connection, decoder);
      case MESSAGE_AWARENESS:
        // Only before the room was loaded do presence frames wait in the queue.
        this.receiveAwareness(connection, data);
        return;
      case MESSAGE_QUERY_AWARENESS:
        connection.send(this.awarenessMessage([...this.awareness.getStates().keys()]));
        connection.grantEchoCredit();
        return;
      case MESSAGE_AUTH:
        return; // Only the server speaks about permissions.
      default:
        throw new MalformedMessage(`unknown message type ${type}`);
    }
  }

  private async processSync(connection: Connection, decoder: decoding.Decoder): Promise<void> {
    const step = decoding.readVarUint(decoder);
    switch (step) {
      case SYNC_STEP1: {
        const stateVector = decoding.readVarUint8Array(decoder);
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, MESSAGE_SYNC);
        if (this.unappliedState && Y.decodeStateVector(stateVector).size === 0) {
          // A client with nothing needs everything: the stored state as it is.
          encoding.writeVarUint(encoder, SYNC_STEP2);
          encoding.writeVarUint8Array(encoder, this.unappliedState);
          connection.send(encoding.toUint8Array(encoder));
          // Built once this answer is on its way, ready for the edits that follow.
          setImmediate(() => void this.enqueue(() => this.buildDocument()));
          return;
        }
        syncProtocol.writeSyncStep2(encoder, this.doc, stateVector);
        connection.send(encoding.toUint8Array(encoder));
        return;
      }
      case SYNC_STEP2:
      case SYNC_UPDATE:
        return this.processWrite(connection, decoding.readVarUint8Array(decoder));
      default:
        throw new MalformedMessage(`unknown sync step ${step}`);
    }
  }

  /** The write gate: a read-only connection's update is never applied, stored or relayed. */
  private async processWrite(connection: Connection, update: Uint8Array): Promise<void> {
    if (!connection.canWrite) {
      if (changesNothing(this.doc, update, () => (this.deleteSet ??= Y.createDeleteSetFromStructStore(this.doc.store)))) {
        this.acknowledge(connection, WRITE_STORED, '');
        return;
      }
      connection.refusedWrites += 1;
      this.refusedWrites += 1;
      logSecurity('sync.write_refused', { room: this.name, userId: connection.identity.userId });
      if (connection.refusedWrites === 1) this.options.onRefusedWrite?.(this, connection);
      this.acknowledge(connection, WRITE_REFUSED, 'This section is read-only for you');
      return;
    }
    this.lastAppliedUpdate = null;
    const pendingDeletesBefore = this.doc.store.pendingDs;
    let applyError: unknown = null;
    try {
      Y.applyUpdate(this.doc, update, connection);
    } catch (error) {
      applyError = error;
    }
    // Even a failed apply may have integrated part of the update; whatever the document now
    // holds must be stored before anyone sees it.
    const applied = this.lastAppliedUpdate as Uint8Array | null;
    this.lastAppliedUpdate = null;
    if (applied) {
      await this.persist(applied);
      this.relayUpdate(applied, connection);
    }
    if (applyError) throw new MalformedMessage(`update cannot be applied (${String(applyError)})`);
    if (this.isHeldBack(update, pendingDeletesBefore)) {
      // Part of the frame waits for content we have not got (Yjs keeps it pending, in memory
      // only). Saying "stored" would be a lie: ask the client for everything we lack instead.
      this.acknowledge(connection, WRITE_INCOMPLETE, 'Waiting for earlier edits');
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeSyncStep1(encoder, this.doc);
      connection.send(encoding.toUint8Array(encoder));
      return;
    }
    this.acknowledge(connection, WRITE_STORED, '');
    if (this.updatesSinceCompaction >= COMPACT_AFTER_UPDATES) {
      try {
        await this.compact();
      } catch (error) {
        // Every update is already stored one by one; compaction only saves space.
        log.error('sync.compact_failed', { room: this.name, error: String(error) });
      }
    }
  }

  /** Whether some of an applied update is pending in Yjs rather than in the document. */
  private isHeldBack(update: Uint8Array, pendingDeletesBefore: unknown): boolean {
    const { pendingStructs, pendingDs } = this.doc.store;
    if (pendingStructs === null && pendingDs === null) return false;
    if (pendingDs !== null && pendingDs !== pendingDeletesBefore) return true;
    const have = Y.decodeStateVector(Y.encodeStateVector(this.doc));
    return Y.decodeUpdate(update).structs.some(
      (struct) => !(struct instanceof Y.Skip) && struct.id.clock + struct.length > (have.get(struct.id.client) ?? 0),
    );
  }

  /** Stores an update, retrying until the database takes it: nothing is dropped. */
  private async persist(update: Uint8Array): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.options.store.append(this.sectionId, update);
        this.updatesSinceCompaction += 1;
        return;
      } catch (error) {
        const delay = Math.min(STORE_RETRY_MAX_MS, STORE_RETRY_MIN_MS * 2 ** attempt);
        log.error('sync.store_failed', { room: this.name, attempt, retryInMs: delay, error: String(error) });
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  private relayUpdate(update: Uint8Array, from: Connection): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeUpdate(encoder, update);
    const message = new SharedMessage(encoding.toUint8Array(encoder));
    for (const connection of this.connections) {
      if (connection !== from) connection.sendShared(message);
    }
  }

  private acknowledge(connection: Connection, status: number, reason: string): void {
    if (!connection.wantsAcks) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_WRITE_ACK);
    encoding.writeVarUint(encoder, status);
    encoding.writeVarString(encoder, reason);
    connection.send(encoding.toUint8Array(encoder));
  }

  /** A connection may set presence for its own client ids (a few), and remove only those. */
  private mayUseAwarenessId(connection: Connection, clientId: number, removal: boolean): boolean {
    if (connection.awarenessIds.has(clientId)) return true;
    if (removal || clientId === this.ydoc.clientID) return false;
    for (const other of this.connections) {
      if (other !== connection && other.awarenessIds.has(clientId)) return false;
    }
    if (connection.awarenessIds.size >= MAX_AWARENESS_IDS_PER_CONNECTION) return false;
    // Claimed at once, so one frame cannot claim more than the limit.
    connection.awarenessIds.add(clientId);
    return true;
  }

  private readonly relayAwareness = (
    changes: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    if (origin instanceof Connection) {
      for (const id of [...changes.added, ...changes.updated]) origin.awarenessIds.add(id);
      for (const id of changes.removed) origin.awarenessIds.delete(id);
    }
    const changed = [...changes.added, ...changes.updated, ...changes.removed];
    if (changed.length === 0) return;
    const message = new SharedMessage(this.awarenessMessage(changed));
    for (const connection of this.connections) {
      connection.sendShared(message);
      connection.grantEchoCredit();
    }
  };

  private awarenessMessage(clientIds: number[]): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, clientIds));
    return encoding.toUint8Array(encoder);
  }
}
