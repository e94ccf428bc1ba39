// Knows which of this client's edits to a section the server has stored, from the server's
// write acknowledgements (`?acks=1`, see shared/protocol.ts): one ack per write frame, in order.
// It follows either provider the same way, through what they report to it (SaveTrackerInput):
// our SectionChannel on the multiplexed socket calls it directly, and attach() wires
// y-websocket's WebsocketProvider (one socket per section) to the same calls.
//
// The bookkeeping counts local Yjs transactions. Each write frame the provider sends (an
// Update, or the SyncStep2 it answers the server's SyncStep1 with) carries every local change
// not yet sent on this socket, so it "covers" the transactions counted since the previous
// write frame. The ack for that frame settles them: stored or refused. When the socket closes,
// whatever was in flight is uncovered again: after reconnecting, the provider's SyncStep2 sends
// everything the server lacks, and that frame covers them anew.
//
// A document restored from this browser's copy (y-indexeddb) brings edits from an earlier visit
// that this tracker never saw as transactions. Nothing about them is remembered: when the
// server's SyncStep1 arrives, its state vector shows how much of the restored content it lacks
// (see pendingChanges.ts), and the SyncStep2 the provider answers with covers that much.
import * as decoding from 'lib0/decoding';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import {
  MESSAGE_SYNC,
  MESSAGE_WRITE_ACK,
  SYNC_STEP1,
  SYNC_STEP2,
  SYNC_UPDATE,
  WRITE_INCOMPLETE,
  WRITE_STORED,
} from '../../shared/protocol';
import { clocksOfUpdate, countInsertsServerLacks, mergeClocks, type Clocks } from './pendingChanges';

/**
 * Where content restored from this browser's copy stands:
 * - `none`: nothing was restored, or what was has been acknowledged (stored or refused);
 * - `uncounted`: restored, but the server's state vector has not arrived yet, so how much of it
 *   is unsaved is not known (it may be nothing);
 * - `unconfirmed`: counted against the server's state vector (the count is in `unsaved`), not
 *   yet acknowledged. Deletions cannot be counted from a state vector, so until the ack the
 *   count may miss some: the page must not say "All changes saved" yet.
 */
export type RestoredState = 'none' | 'uncounted' | 'unconfirmed';

/** What the UI shows about one section's connection and unsaved edits. */
export interface SaveState {
  /** Local changes the server has not yet confirmed it stored. */
  unsaved: number;
  /** Local changes the server refused (the section locked, or write access was lost). */
  refused: number;
  /** The reason the server gave with the latest refusal ("" if none). */
  refusedReason: string;
  /** The socket is open. */
  connected: boolean;
  /** The document has received the server's state on the current connection. */
  synced: boolean;
  /** The close code that made the provider stop for good (4401, 4403), else null. */
  stoppedCode: number | null;
  /** A socket closed or failed since the document last synced: the server is out of reach. */
  lostContact: boolean;
  /** Content restored from this browser's copy, and what the protocol has said about it. */
  restored: RestoredState;
}

/** A write frame awaiting its ack: what it covers. */
interface FrameInFlight {
  transactions: number;
  /** Restored changes the server lacked when it sent its state vector. */
  restored: number;
  /** The frame carries restored content (and so any restored deletions): its ack settles it. */
  carriesRestored: boolean;
}

/** The browser WebSocket class, or a stand-in with the same shape (`ws` in Node tests). */
export type SocketClass = typeof WebSocket;

type SendData = Parameters<WebSocket['send']>[0];

function frameBytes(data: SendData): Uint8Array | null {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return null;
}

/** Whether an outgoing frame carries document content the server will acknowledge. */
export function isWriteFrame(data: SendData): boolean {
  const bytes = frameBytes(data);
  if (!bytes || bytes.length === 0) return false;
  try {
    const decoder = decoding.createDecoder(bytes);
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return false;
    const syncType = decoding.readVarUint(decoder);
    return syncType === SYNC_STEP2 || syncType === SYNC_UPDATE;
  } catch {
    return false;
  }
}

/**
 * What a provider reports to the tracker, as it happens: every frame it sends (before sending),
 * the server's SyncStep1 (before answering it), each ack, its connection opening, syncing and
 * closing, and a close for good.
 */
export interface SaveTrackerInput {
  frameSent(data: SendData, connection: unknown): void;
  serverStateVectorReceived(stateVector: Uint8Array): void;
  ackReceived(status: number, reason: string): void;
  statusChanged(connected: boolean): void;
  syncChanged(synced: boolean): void;
  connectionClosed(): void;
  stopped(code: number): void;
}

/** Counts one section's local edits from sent to stored. Create it before the provider. */
export class SaveTracker implements SaveTrackerInput {
  /** Local transactions not covered by any write frame sent on the current socket. */
  private uncovered = 0;
  /** Restored changes the server lacks, not covered by a frame on the current socket. */
  private restoredUncovered = 0;
  /** Write frames awaiting their ack, oldest first. */
  private inFlight: FrameInFlight[] = [];
  /** The socket the in-flight frames were sent on. */
  private inFlightSocket: unknown = null;
  private refused = 0;
  private refusedReason = '';
  private connected = false;
  private synced = false;
  private stoppedCode: number | null = null;
  private lostContact = false;
  private restored: RestoredState = 'none';
  /** The clocks of the content restored from this browser, per Yjs client. */
  private readonly restoredClocks: Clocks = new Map();
  private remoteOrigin: unknown = null;
  private restoreOrigin: unknown = null;
  private snapshot: SaveState;
  private readonly listeners = new Set<() => void>();
  private readonly detach: Array<() => void> = [];

  constructor(/** The section's document the tracker counts edits of. */ readonly doc: Y.Doc) {
    // Registered before the provider's own listener, so a transaction is counted before the
    // provider sends the frame that carries it (listeners run in registration order).
    doc.on('update', this.onUpdate);
    this.detach.push(() => doc.off('update', this.onUpdate));
    this.snapshot = this.computeSnapshot();
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    // Changes the provider applies came from the server; everything else is ours.
    if (origin !== null && origin === this.remoteOrigin) return;
    if (origin !== null && origin === this.restoreOrigin && this.restored === 'uncounted') {
      // From this browser's copy, before the server's state vector: counted when it arrives.
      // (Restored later than that, it is sent as an update like any edit, and counted so.)
      mergeClocks(this.restoredClocks, clocksOfUpdate(update));
      return;
    }
    this.uncovered += 1;
    this.changed();
  };

  /**
   * Updates applied with `origin` restore this browser's copy of the document: what they bring
   * is counted against the server's state vector, not as new edits. Call before they arrive.
   */
  restoreFrom(origin: unknown): void {
    this.restoreOrigin = origin;
    this.restored = 'uncounted';
    this.changed();
  }

  /** The copy has been loaded: if it was empty, there is nothing restored to account for. */
  restoreLoaded(): void {
    if (this.restored === 'uncounted' && this.restoredClocks.size === 0) {
      this.restored = 'none';
      this.changed();
    }
  }

  /** The server's SyncStep1: its state vector shows how much restored content it lacks. */
  serverStateVectorReceived(stateVector: Uint8Array): void {
    if (this.restored === 'none') return;
    // This count replaces any earlier one: frames still in flight belong to a closed socket
    // (the server sends its SyncStep1 first on a connection), and whatever they carried that
    // the server still lacks is in the SyncStep2 the provider is about to send.
    for (const frame of this.inFlight) {
      frame.restored = 0;
      frame.carriesRestored = false;
    }
    this.restoredUncovered = countInsertsServerLacks(this.doc, stateVector, this.restoredClocks);
    this.restored = 'unconfirmed';
    this.changed();
  }

  /**
   * Hooks the tracker into a provider created with `WebSocketPolyfill: tracker.socketClass(...)`
   * and `connect: false`: reads its acks and follows its connection.
   */
  attach(provider: WebsocketProvider): void {
    this.remoteUpdatesFrom(provider);
    // Look at the server's SyncStep1 before the provider answers it with its SyncStep2.
    const handleSync = provider.messageHandlers[MESSAGE_SYNC];
    if (handleSync) {
      provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, ...rest) => {
        this.syncMessageReceived(decoding.clone(decoder));
        handleSync(encoder, decoder, ...rest);
      };
      this.detach.push(() => {
        provider.messageHandlers[MESSAGE_SYNC] = handleSync;
      });
    }
    provider.messageHandlers[MESSAGE_WRITE_ACK] = (_encoder, decoder) => {
      const status = decoding.readVarUint(decoder);
      const reason = decoding.hasContent(decoder) ? decoding.readVarString(decoder) : '';
      this.ackReceived(status, reason);
    };
    const onStatus = ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }) => this.statusChanged(status === 'connected');
    const onSync = (synced: boolean) => this.syncChanged(synced);
    const onConnectionClose = () => this.connectionClosed();
    const onClosed = ({ code }: { code: number }) => this.stopped(code);
    provider.on('status', onStatus);
    provider.on('sync', onSync);
    provider.on('connection-close', onConnectionClose);
    provider.on('closed', onClosed);
    this.detach.push(() => {
      provider.off('status', onStatus);
      provider.off('sync', onSync);
      provider.off('connection-close', onConnectionClose);
      provider.off('closed', onClosed);
    });
  }

  /** Updates applied with `origin` came from the server (the provider's own origin): they are not edits. */
  remoteUpdatesFrom(origin: unknown): void {
    this.remoteOrigin = origin;
  }

  /** The provider's connection opened (true) or is down (false). */
  statusChanged(connected: boolean): void {
    this.connected = connected;
    if (connected) this.stoppedCode = null;
    this.changed();
  }

  /** The document has (true) or has not yet (false) received the server's state on this connection. */
  syncChanged(synced: boolean): void {
    this.synced = synced;
    if (synced) this.lostContact = false;
    this.changed();
  }

  /** The server ended the connection for good with `code` (4401, 4403, ...). */
  stopped(code: number): void {
    this.stoppedCode = code;
    this.changed();
  }

  /** A WebSocket class that reports every frame the provider sends to this tracker. */
  socketClass(Base: SocketClass): SocketClass {
    const tracker = this;
    return class TrackingSocket extends Base {
      override send(data: SendData): void {
        // Count before sending: an ack cannot overtake it, but keep the order obvious.
        tracker.frameSent(data, this);
        super.send(data);
      }
    };
  }

  private syncMessageReceived(decoder: decoding.Decoder): void {
    let stateVector: Uint8Array | null = null;
    try {
      if (decoding.readVarUint(decoder) === SYNC_STEP1) stateVector = decoding.readVarUint8Array(decoder);
    } catch {
      return; // the provider's own handler reports a malformed frame
    }
    if (stateVector) this.serverStateVectorReceived(stateVector);
  }

  /** An outgoing frame on `socket`; write frames cover every uncovered local transaction. */
  frameSent(data: SendData, socket: unknown = null): void {
    if (!isWriteFrame(data)) return;
    if (socket !== this.inFlightSocket) {
      // A new socket: frames still pending on an old one will never be acknowledged.
      this.requeueInFlight();
      this.inFlightSocket = socket;
    }
    this.inFlight.push({
      transactions: this.uncovered,
      restored: this.restoredUncovered,
      carriesRestored: this.restored === 'unconfirmed',
    });
    this.uncovered = 0;
    this.restoredUncovered = 0;
    this.changed();
  }

  /** The server's answer to the oldest unanswered write frame. */
  ackReceived(status: number, reason: string): void {
    const frame = this.inFlight.shift();
    if (frame === undefined) return; // an ack for a frame of a closed socket: already requeued
    if (status === WRITE_INCOMPLETE) {
      // Held by the server until what it depends on arrives: the SyncStep2 we send in answer
      // to the server's SyncStep1 carries it all again, so these edits wait for that frame.
      this.uncovered += frame.transactions;
      this.restoredUncovered += frame.restored;
      this.changed();
      return;
    }
    if (status !== WRITE_STORED) {
      let refused = frame.transactions + frame.restored;
      // The server refuses only writes that change something (see Room.processWrite), and
      // restored deletions have no count: a refused frame of restored content refused at least one.
      if (frame.carriesRestored) refused = Math.max(refused, 1);
      this.refused += refused;
      if (refused > 0 || !this.refusedReason) this.refusedReason = reason;
    }
    if (frame.carriesRestored) this.restored = 'none';
    this.changed();
  }

  /** The socket closed: unacknowledged frames' transactions wait for the next connection. */
  connectionClosed(): void {
    this.requeueInFlight();
    this.inFlightSocket = null;
    this.connected = false;
    this.synced = false;
    this.lostContact = true;
    this.changed();
  }

  private requeueInFlight(): void {
    for (const frame of this.inFlight) {
      this.uncovered += frame.transactions;
      this.restoredUncovered += frame.restored;
    }
    this.inFlight = [];
  }

  /** The current state; a new object whenever something changed (for useSyncExternalStore). */
  getSnapshot = (): SaveState => this.snapshot;

  /** Calls `listener` after every change of the state. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The document's state vector: what this client has written, for the server to wait for. */
  stateVector(): Uint8Array {
    return Y.encodeStateVector(this.doc);
  }

  /** Resolves true once nothing is unsaved and the socket is open, or false after `timeoutMs`. */
  whenSaved(timeoutMs: number): Promise<boolean> {
    const saved = () => this.snapshot.unsaved === 0 && this.snapshot.connected;
    if (saved()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => finish(false), timeoutMs);
      const unsubscribe = this.subscribe(() => {
        if (saved()) finish(true);
      });
      function finish(result: boolean) {
        clearTimeout(timer);
        unsubscribe();
        resolve(result);
      }
    });
  }

  /** Stops listening to the document and the provider. */
  destroy(): void {
    for (const undo of this.detach.splice(0)) undo();
    this.listeners.clear();
  }

  private computeSnapshot(): SaveState {
    const inFlight = this.inFlight.reduce((sum, frame) => sum + frame.transactions + frame.restored, 0);
    return {
      unsaved: this.uncovered + this.restoredUncovered + inFlight,
      refused: this.refused,
      refusedReason: this.refusedReason,
      connected: this.connected,
      synced: this.synced,
      stoppedCode: this.stoppedCode,
      lostContact: this.lostContact,
      restored: this.restored,
    };
  }

  private changed(): void {
    const next = this.computeSnapshot();
    const prev = this.snapshot;
    if (
      next.unsaved === prev.unsaved &&
      next.refused === prev.refused &&
      next.refusedReason === prev.refusedReason &&
      next.connected === prev.connected &&
      next.synced === prev.synced &&
      next.stoppedCode === prev.stoppedCode &&
      next.lostContact === prev.lostContact &&
      next.restored === prev.restored
    ) {
      return;
    }
    this.snapshot = next;
    for (const listener of [...this.listeners]) listener();
  }
}
