import * as Y from 'yjs';
import { CLOSE_ACCESS_CHANGED, WRITE_INCOMPLETE, WRITE_REFUSED, WRITE_STORED } from '../../shared/protocol';
import { decodeClientMessage, encodeSyncStep1, encodeSyncStep2, isAwarenessFrame, MalformedMessage } from '../../shared/syncMessages';
import { log, logSecurity } from '../log';
import { SectionLockedError } from '../store/errors';
import { Connection } from './Connection';
import { LargeDeletionWatch } from './LargeDeletionWatch';
import { RoomConnections } from './RoomConnections';
import { LOAD_ORIGIN, RoomDocument } from './RoomDocument';
import type { RoomLifecycle } from './RoomLifecycle';
import type { ChangeAuthor, RoomOptions } from './RoomOptions';
import { RoomPresence } from './RoomPresence';
import { RoomReplica } from './RoomReplica';
import { SectionLog } from './SectionLog';
import { isHeldBack } from './updateChanges';

/** The origin of changes the server applies for a member (applyChange). */
const SERVER_ORIGIN = Symbol('server');

/**
 * One section's live document: its Yjs doc, presence and connections.
 *
 * Everything that touches the document runs in one queue, in arrival order: the load from
 * storage first, then each message. So no client is synced before the room is loaded, every
 * update is stored before it is relayed or acknowledged, and a barrier (`runExclusive`) sees
 * exactly the updates received before it.
 */
export class Room {
  private readonly document = new RoomDocument();
  private readonly ydoc = this.document.ydoc;
  private readonly members = new RoomConnections();
  private readonly presence = new RoomPresence(this.ydoc, this.members.all, (update) => this.options.onPresence?.(this, update));
  private lifecycle: RoomLifecycle = { kind: 'loading' };
  /** Writes refused from read-only connections since the room loaded. */
  refusedWrites = 0;
  private queue: Promise<void>;
  /** The section's stored update log. */
  private readonly stored: SectionLog;
  private readonly deletions: LargeDeletionWatch;
  /** What other instances stored and their presence, taken in here (several instances). */
  readonly replica: RoomReplica;

  constructor(private readonly options: RoomOptions) {
    this.deletions = new LargeDeletionWatch(this.ydoc, (origin, deleted, before) => {
      if (origin instanceof Connection) this.options.onLargeDeletion?.(this, origin, deleted, before);
    });
    this.stored = new SectionLog(options.store, options.sectionId, this.name);
    this.replica = new RoomReplica({
      name: this.name,
      document: this.document,
      stored: this.stored,
      presence: this.presence,
      whenReady: (task) =>
        this.enqueue(() => {
          if (this.lifecycle.kind !== 'ready') return;
          this.buildDocument();
          return task();
        }),
      state: () => this.lifecycle.kind,
      relay: (update) => this.members.relay(update, null),
    });
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
    return this.members.all;
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
      if (!this.members.remove(connection)) return;
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
    return ready && this.document.waiters.wait(stateVector, timeoutMs);
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
    this.members.stopGreeting();
    this.presence.destroy();
    this.deletions.destroy();
    this.document.destroy();
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
        this.document.applyAll(updates, LOAD_ORIGIN);
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
    this.members.closeAll(1011, 'This section could not be loaded');
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
    this.members.greetWaiting(Y.encodeStateVector(this.ydoc));
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
    for (const connection of this.members.all) {
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
    this.members.greet(connection, this.lifecycle.unapplied ? null : Y.encodeStateVector(this.ydoc));
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
      connection.sendAnswer(this.document.fullAnswer());
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
        deleteSet: () => this.document.deleteSet(),
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
    const { update: applied, error: applyError } = this.document.capture(() => Y.applyUpdate(this.ydoc, update, origin));
    if (applied) {
      await this.store(applied, author);
      this.options.onStored?.(this, applied, author);
      this.members.relay(applied, from);
      await this.options.afterChange?.(this);
    }
    return applyError;
  }

  /** Stores an applied update with its author (retried until stored). */
  private store(applied: Uint8Array, author: ChangeAuthor): Promise<void> {
    return this.stored.append(applied, { userId: author.userId, at: new Date().toISOString() });
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
