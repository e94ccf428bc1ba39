import * as Y from 'yjs';
import { CLOSE_ACCESS_CHANGED, WRITE_INCOMPLETE, WRITE_REFUSED, WRITE_STORED } from '../../shared/protocol';
import {
  decodeClientMessage,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  isAwarenessFrame,
  MalformedMessage,
} from '../../shared/syncMessages';
import { log, logSecurity } from '../log';
import { SectionLockedError } from '../store/errors';
import { SharedMessage } from './binaryFrame';
import { Connection } from './Connection';
import { LargeDeletionWatch } from './LargeDeletionWatch';
import type { RoomLifecycle } from './RoomLifecycle';
import type { ChangeAuthor, RoomOptions } from './RoomOptions';
import { RoomPresence } from './RoomPresence';
import { SectionLog } from './SectionLog';
import { StateWaiters } from './StateWaiters';
import { isHeldBack, type DeleteSet } from './updateChanges';

const LOAD_ORIGIN = Symbol('load');
/** The origin of changes the server applies for a member (applyChange). */
const SERVER_ORIGIN = Symbol('server');
/** The origin of updates another instance stored (applyStored, catchUp). */
const STORED_ELSEWHERE = Symbol('stored elsewhere');

/**
 * One section's live document: its Yjs doc, presence and connections.
 *
 * Everything that touches the document runs in one queue, in arrival order: the load from
 * storage first, then each message. So no client is synced before the room is loaded, every
 * update is stored before it is relayed or acknowledged, and a barrier (`runExclusive`) sees
 * exactly the updates received before it.
 */
export class Room {
  // Deleted content is kept (gc off): the section's history shows it, and who deleted it.
  private readonly ydoc = new Y.Doc({ gc: false });
  private readonly members = new Set<Connection>();
  private readonly presence = new RoomPresence(this.ydoc, this.members, (update) => this.options.onPresence?.(this, update));
  private lifecycle: RoomLifecycle = { kind: 'loading' };
  /** Writes refused from read-only connections since the room loaded. */
  refusedWrites = 0;
  private queue: Promise<void>;
  /** The section's stored update log. */
  private readonly stored: SectionLog;
  private lastAppliedUpdate: Uint8Array | null = null;
  /** The document's delete set, rebuilt only after the document changed. */
  private cachedDeleteSet: DeleteSet | null = null;
  /** The answer to a SyncStep1 that has nothing, built once per version of the document. */
  private fullAnswer: SharedMessage | null = null;
  /** Connections that have not had our state vector yet: it is sent once the document is built. */
  private readonly ungreeted = new Set<Connection>();
  /** Sign-offs waiting for the document to hold a signer's edits. */
  private readonly stateWaiters = new StateWaiters(this.ydoc);
  private readonly deletions: LargeDeletionWatch;

  constructor(private readonly options: RoomOptions) {
    this.ydoc.on('update', (update: Uint8Array, origin: unknown) => {
      this.cachedDeleteSet = null;
      this.fullAnswer = null;
      if (origin !== LOAD_ORIGIN) this.lastAppliedUpdate = update;
      this.stateWaiters.changed();
    });
    this.deletions = new LargeDeletionWatch(this.ydoc, (origin, deleted, before) => {
      if (origin instanceof Connection) this.options.onLargeDeletion?.(this, origin, deleted, before);
    });
    this.stored = new SectionLog(options.store, options.sectionId, this.name);
    this.queue = this.load();
  }

  /** The section's document, built from the stored state the first time it is needed. */
  get doc(): Y.Doc {
    this.buildDocument();
    return this.ydoc;
  }

  /** Where the room is in its life (see RoomLifecycle). */
  get state(): RoomLifecycle['kind'] {
    return this.lifecycle.kind;
  }

  get connections(): ReadonlySet<Connection> {
    return this.members;
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
    this.members.add(connection);
    void this.enqueue(() => this.greet(connection));
  }

  /** Takes a frame from a connection. Reading its socket pauses while it sends too much. */
  receive(connection: Connection, data: Uint8Array): void {
    if (connection.closedByServer) return;
    // Presence never touches the document, so once the room is loaded it need not wait behind
    // updates being stored.
    if (this.lifecycle.kind === 'ready' && isAwarenessFrame(data)) {
      this.receiveAwareness(connection, data);
      return;
    }
    connection.received();
    if (!connection.queued(data.byteLength)) return;
    void this.enqueue(async () => {
      connection.dequeued(data.byteLength);
      // A connection we closed for misbehaving has nothing more to say. One that the client
      // closed still has its last updates processed: they were sent, so they count.
      if (connection.closedByServer) return;
      try {
        await this.process(connection, data);
      } catch (error) {
        // Whatever the cause, only the connection that sent the frame is closed.
        connection.closeMalformed(this.name, error);
      }
    });
  }

  /** Removes a connection once its queued messages are processed. */
  removeConnection(connection: Connection): void {
    void this.enqueue(() => {
      if (!this.members.delete(connection)) return;
      this.ungreeted.delete(connection);
      this.presence.forget(connection);
      if (this.members.size === 0) this.options.onEmpty(this);
    });
  }

  /** Runs a task after every message received so far, before any received later. */
  runExclusive<T>(task: () => T | Promise<T>): Promise<T> {
    return this.enqueue(task);
  }

  /** Resolves true once the document holds everything `stateVector` says, or false after `timeoutMs`. */
  async whenHolds(stateVector: Map<number, number>, timeoutMs: number): Promise<boolean> {
    // Asked in the queue, so the room is loaded; the wait itself is outside it, so the edits it
    // waits for can be processed.
    const ready = await this.enqueue(() => {
      this.buildDocument();
      return this.lifecycle.kind === 'ready';
    });
    return ready && this.stateWaiters.wait(stateVector, timeoutMs);
  }

  /** The section was removed: nothing more is stored for it. */
  discard(): void {
    this.lifecycle = { kind: 'discarded' };
  }

  /**
   * Applies a change the server makes for a member (a restore, an accepted suggestion), as if
   * they had sent it: stored with them as its author before it is relayed to everyone. Call it
   * inside the room's queue (runExclusive), after checking that the section may change.
   */
  async applyChange(update: Uint8Array, author: ChangeAuthor): Promise<void> {
    if (this.lifecycle.kind !== 'ready') throw new Error(`Room ${this.name} cannot take changes now`);
    this.buildDocument();
    let error: unknown;
    try {
      error = await this.integrate(update, SERVER_ORIGIN, author, null);
    } catch (refusal) {
      if (refusal instanceof SectionLockedError) this.lockedMeanwhile();
      throw refusal;
    }
    if (error) throw error;
  }

  /**
   * Applies an update another instance stored (it is in the database already): relayed to
   * everyone here, stored nothing. Updates commute, so their order here does not matter; the
   * database's row order is the one a room loading later reads.
   */
  applyStored(update: Uint8Array, userId: string | null): Promise<void> {
    return this.enqueue(() => {
      if (this.lifecycle.kind !== 'ready') return;
      this.buildDocument();
      const applied = this.integrateStored(() => Y.applyUpdate(this.ydoc, update, STORED_ELSEWHERE));
      if (applied) this.stored.storedElsewhere(applied, userId);
    });
  }

  /**
   * Reads the section's stored updates again and takes in whatever this room has not got (news
   * missed while the instances could not reach each other), relaying it to everyone here.
   */
  catchUp(): Promise<void> {
    return this.enqueue(async () => {
      if (this.lifecycle.kind !== 'ready') return;
      // Loading counts the stored bytes afresh.
      const updates = await this.stored.load();
      this.buildDocument();
      this.integrateStored(() => {
        this.ydoc.transact(() => {
          for (const update of updates) Y.applyUpdate(this.ydoc, update, STORED_ELSEWHERE);
        }, STORED_ELSEWHERE);
      });
    });
  }

  /** A room of this section opened on another instance: it is told who is here (onPresence). */
  announcePresence(): void {
    if (this.lifecycle.kind === 'ready') this.presence.announce();
  }

  /** Presence from another instance's connections (already rewritten there): relayed to everyone here. */
  applyPresence(update: Uint8Array): void {
    if (this.lifecycle.kind === 'destroyed') return;
    this.presence.applyRemote(update);
  }

  /** Stores the document as one state, replacing its update log. */
  async compact(): Promise<void> {
    // A document never built has not changed: what is stored is already one state.
    if (this.lifecycle.kind !== 'ready' || this.lifecycle.unapplied) return;
    await this.stored.compact(this.ydoc);
  }

  /** The room is about to be unloaded: whoever records history takes its last look. */
  beforeUnload(): void {
    if (this.lifecycle.kind === 'ready') this.options.onUnload?.(this);
  }

  /** Frees memory; the room must have no connections. */
  destroy(): void {
    this.lifecycle = { kind: 'destroyed' };
    this.ungreeted.clear();
    this.stateWaiters.cancelAll();
    this.presence.destroy();
    this.deletions.destroy();
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
      const updates = await this.stored.load();
      if (updates.length === 1) {
        this.lifecycle = { kind: 'ready', unapplied: updates[0]! };
      } else {
        // One by one in one transaction: Y.mergeUpdates grows far worse than linearly with the
        // number of rows (a long log, where compaction kept failing, would never open).
        this.ydoc.transact(() => {
          for (const update of updates) Y.applyUpdate(this.ydoc, update, LOAD_ORIGIN);
        }, LOAD_ORIGIN);
        this.lifecycle = { kind: 'ready', unapplied: null };
      }
      await this.options.onLoaded?.(this);
    } catch (error) {
      this.fail(error);
    }
  }

  private fail(error: unknown): void {
    this.lifecycle = { kind: 'failed', error: String(error) };
    log.error('sync.load_failed', { room: this.name, error: String(error) });
    for (const connection of this.members) connection.close(1011, 'This section could not be loaded');
  }

  /** Builds the document from the stored state kept by `load`, then greets who is waiting. */
  private buildDocument(): void {
    if (this.lifecycle.kind !== 'ready' || !this.lifecycle.unapplied) return;
    const state = this.lifecycle.unapplied;
    this.lifecycle = { kind: 'ready', unapplied: null };
    try {
      Y.applyUpdate(this.ydoc, state, LOAD_ORIGIN);
    } catch (error) {
      this.fail(error);
      throw error;
    }
    for (const connection of this.ungreeted) connection.send(encodeSyncStep1(Y.encodeStateVector(this.ydoc)));
    this.ungreeted.clear();
  }

  /**
   * Storage refused an update because the section was signed off, by another instance since
   * this room let the update through: the document now holds what is not stored. It is never
   * stored or served again; every connection is closed as after a sign-off (4100), and
   * reconnects to a room loaded afresh from storage, read-only.
   */
  private lockedMeanwhile(): void {
    log.warn('sync.signed_off_meanwhile', { room: this.name });
    this.lifecycle = { kind: 'failed', error: 'signed off while an update was on its way' };
    for (const connection of this.members) {
      connection.canWrite = false;
      connection.close(CLOSE_ACCESS_CHANGED, 'This section has been signed off');
    }
  }

  /** Starts the y-websocket handshake from our side: our state vector, and who is here. */
  private greet(connection: Connection): void {
    if (this.lifecycle.kind !== 'ready') {
      connection.close(1011, 'This section could not be loaded');
      return;
    }
    // Our state vector only asks the client for what it has that we lack; a client is synced
    // by our answer to its own SyncStep1. So it can wait until the document is built.
    if (this.lifecycle.unapplied) this.ungreeted.add(connection);
    else connection.send(encodeSyncStep1(Y.encodeStateVector(this.ydoc)));
    this.presence.sendAll(connection);
  }

  private async process(connection: Connection, data: Uint8Array): Promise<void> {
    if (this.lifecycle.kind !== 'ready') return;
    const message = decodeClientMessage(data);
    switch (message.type) {
      case 'syncStep1':
        return this.answer(connection, message.stateVector);
      case 'syncStep2':
      case 'update':
        return this.processWrite(connection, message.update);
      case 'awareness':
        // Only before the room was loaded do presence frames wait in the queue.
        this.receiveAwareness(connection, data);
        return;
      case 'queryAwareness':
        this.presence.sendAll(connection, true);
        return;
      case 'auth':
        return; // Only the server speaks about permissions.
      default: {
        const exhaustive: never = message;
        return exhaustive;
      }
    }
  }

  /** Answers a SyncStep1 with what the client lacks, from its allowance of answer bytes. */
  private answer(connection: Connection, stateVector: Uint8Array): void {
    if (Y.decodeStateVector(stateVector).size === 0) {
      if (this.lifecycle.kind === 'ready' && this.lifecycle.unapplied) {
        // A client with nothing needs everything: the stored state as it is. The document is
        // built once this answer is on its way, ready for the edits that follow.
        connection.sendAnswer(encodeSyncStep2(this.lifecycle.unapplied));
        setImmediate(() => void this.enqueue(() => this.buildDocument()));
        return;
      }
      // Many clients open a section with nothing: they share one encoding of it.
      this.fullAnswer ??= new SharedMessage(encodeSyncStep2(Y.encodeStateAsUpdate(this.ydoc)));
      connection.sendAnswer(this.fullAnswer);
      return;
    }
    connection.sendAnswer(encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, stateVector)));
  }

  /** The write gate: whatever the policy refuses is never applied, stored or relayed. */
  private async processWrite(connection: Connection, update: Uint8Array): Promise<void> {
    const owners = await this.stored.clientOwners();
    const decision = this.options.writePolicy.decide(
      {
        doc: this.doc,
        deleteSet: () => (this.cachedDeleteSet ??= Y.createDeleteSetFromStructStore(this.ydoc.store)),
        storedBytes: this.stored.storedBytes,
        clientOwner: (client) => owners.get(client),
      },
      connection,
      update,
    );
    switch (decision.kind) {
      case 'noop':
        connection.acknowledge(WRITE_STORED, '');
        return;
      case 'refuse':
        connection.refusedWrites += 1;
        this.refusedWrites += 1;
        logSecurity('sync.write_refused', { room: this.name, userId: connection.identity.userId, reason: decision.reason });
        if (decision.readOnly) this.options.onRefusedWrite?.(this, connection);
        connection.acknowledge(WRITE_REFUSED, decision.reason);
        return;
      case 'apply':
        return this.apply(connection, update);
    }
  }

  private async apply(connection: Connection, update: Uint8Array): Promise<void> {
    const { userId, name, membership } = connection.identity;
    const pendingDeletesBefore = this.ydoc.store.pendingDs;
    let applyError: unknown;
    try {
      applyError = await this.integrate(update, connection, { userId, name, role: membership.role }, connection);
    } catch (error) {
      if (!(error instanceof SectionLockedError)) throw error;
      connection.refusedWrites += 1;
      this.refusedWrites += 1;
      connection.acknowledge(WRITE_REFUSED, 'This section has been signed off');
      this.lockedMeanwhile();
      return;
    }
    if (applyError) throw new MalformedMessage(`update cannot be applied (${String(applyError)})`);
    if (isHeldBack(this.ydoc, update, pendingDeletesBefore)) {
      // Part of the frame waits for content we have not got (Yjs keeps it pending, in memory
      // only). Saying "stored" would be a lie: ask the client for everything we lack instead.
      connection.acknowledge(WRITE_INCOMPLETE, 'Waiting for earlier edits');
      connection.send(encodeSyncStep1(Y.encodeStateVector(this.ydoc)));
      return;
    }
    connection.acknowledge(WRITE_STORED, '');
    if (this.stored.wantsCompaction) {
      try {
        await this.compact();
      } catch (error) {
        // Every update is already stored one by one; compaction only saves space.
        log.error('sync.compact_failed', { room: this.name, error: String(error) });
      }
    }
  }

  /**
   * Applies an update, then stores what the document took in (with its author) before relaying
   * it to everyone but `from`. Returns the error Yjs threw, if it did: even a failed apply may
   * have integrated part of the update, and whatever the document now holds is stored first.
   */
  private async integrate(update: Uint8Array, origin: unknown, author: ChangeAuthor, from: Connection | null): Promise<unknown> {
    await this.options.beforeChange?.(this, author);
    this.lastAppliedUpdate = null;
    let applyError: unknown = null;
    try {
      Y.applyUpdate(this.ydoc, update, origin);
    } catch (error) {
      applyError = error;
    }
    const applied = this.lastAppliedUpdate as Uint8Array | null;
    this.lastAppliedUpdate = null;
    if (applied) {
      await this.store(applied, author);
      this.options.onStored?.(this, applied, author);
      this.relayUpdate(applied, from);
      await this.options.afterChange?.(this);
    }
    return applyError;
  }

  /** Runs `apply` (updates stored elsewhere) and relays what the document took in from it, which it returns. */
  private integrateStored(apply: () => void): Uint8Array | null {
    this.lastAppliedUpdate = null;
    try {
      apply();
    } catch (error) {
      log.error('sync.stored_update_failed', { room: this.name, error: String(error) });
    }
    const applied = this.lastAppliedUpdate as Uint8Array | null;
    this.lastAppliedUpdate = null;
    if (applied) this.relayUpdate(applied, null);
    return applied;
  }

  /** Stores an applied update with its author (retried until stored). */
  private store(applied: Uint8Array, author: ChangeAuthor): Promise<void> {
    return this.stored.append(applied, { userId: author.userId, at: new Date().toISOString() });
  }

  private relayUpdate(update: Uint8Array, from: Connection | null): void {
    const message = new SharedMessage(encodeUpdate(update));
    for (const connection of this.members) {
      if (connection !== from) connection.sendShared(message);
    }
  }

  /** Presence from a connection; an echo of others' presence is paid for with what we sent it. */
  private receiveAwareness(connection: Connection, data: Uint8Array): void {
    if (connection.closedByServer) return;
    try {
      const message = decodeClientMessage(data);
      if (message.type !== 'awareness') throw new MalformedMessage('not a presence frame');
      if (this.presence.receive(connection, message.update) || !connection.takeEchoCredit()) connection.received();
    } catch (error) {
      connection.closeMalformed(this.name, error);
    }
  }
}
