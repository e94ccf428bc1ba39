// Knows which of this client's edits to a section the server has stored, from the server's
// write acknowledgements (`?acks=1`, see shared/protocol.ts): one ack per write frame, in order.
//
// The bookkeeping counts local Yjs transactions. Each write frame the provider sends (an
// Update, or the SyncStep2 it answers the server's SyncStep1 with) carries every local change
// not yet sent on this socket, so it "covers" the transactions counted since the previous
// write frame. The ack for that frame settles them: stored or refused. When the socket closes,
// whatever was in flight is uncovered again: after reconnecting, the provider's SyncStep2 sends
// everything the server lacks, and that frame covers them anew.
import * as decoding from 'lib0/decoding';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { MESSAGE_SYNC, MESSAGE_WRITE_ACK, SYNC_STEP2, SYNC_UPDATE, WRITE_STORED } from '../../shared/protocol';

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

/** Counts one section's local edits from sent to stored. Create it before the provider. */
export class SaveTracker {
  /** Local transactions not covered by any write frame sent on the current socket. */
  private uncovered = 0;
  /** Write frames awaiting their ack, oldest first: how many transactions each covers. */
  private inFlight: number[] = [];
  /** The socket the in-flight frames were sent on. */
  private inFlightSocket: unknown = null;
  private refused = 0;
  private refusedReason = '';
  private connected = false;
  private synced = false;
  private stoppedCode: number | null = null;
  private remoteOrigin: unknown = null;
  private snapshot: SaveState;
  private readonly listeners = new Set<() => void>();
  private readonly detach: Array<() => void> = [];

  constructor(doc: Y.Doc) {
    // Registered before the provider's own listener, so a transaction is counted before the
    // provider sends the frame that carries it (listeners run in registration order).
    doc.on('update', this.onUpdate);
    this.detach.push(() => doc.off('update', this.onUpdate));
    this.snapshot = this.computeSnapshot();
  }

  private readonly onUpdate = (_update: Uint8Array, origin: unknown): void => {
    // Changes the provider applies came from the server; everything else is ours.
    if (origin !== null && origin === this.remoteOrigin) return;
    this.uncovered += 1;
    this.changed();
  };

  /**
   * Hooks the tracker into a provider created with `WebSocketPolyfill: tracker.socketClass(...)`
   * and `connect: false`: reads its acks and follows its connection.
   */
  attach(provider: WebsocketProvider): void {
    this.remoteOrigin = provider;
    provider.messageHandlers[MESSAGE_WRITE_ACK] = (_encoder, decoder) => {
      const status = decoding.readVarUint(decoder);
      const reason = decoding.hasContent(decoder) ? decoding.readVarString(decoder) : '';
      this.ackReceived(status, reason);
    };
    const onStatus = ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }) => {
      this.connected = status === 'connected';
      if (this.connected) this.stoppedCode = null;
      this.changed();
    };
    const onSync = (synced: boolean) => {
      this.synced = synced;
      this.changed();
    };
    const onConnectionClose = () => this.connectionClosed();
    const onClosed = ({ code }: { code: number }) => {
      this.stoppedCode = code;
      this.changed();
    };
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

  /** An outgoing frame on `socket`; write frames cover every uncovered local transaction. */
  frameSent(data: SendData, socket: unknown = null): void {
    if (!isWriteFrame(data)) return;
    if (socket !== this.inFlightSocket) {
      // A new socket: frames still pending on an old one will never be acknowledged.
      this.requeueInFlight();
      this.inFlightSocket = socket;
    }
    this.inFlight.push(this.uncovered);
    this.uncovered = 0;
    this.changed();
  }

  /** The server's answer to the oldest unanswered write frame. */
  ackReceived(status: number, reason: string): void {
    const covered = this.inFlight.shift();
    if (covered === undefined) return; // an ack for a frame of a closed socket: already requeued
    if (status !== WRITE_STORED) {
      this.refused += covered;
      if (covered > 0 || !this.refusedReason) this.refusedReason = reason;
    }
    this.changed();
  }

  /** The socket closed: unacknowledged frames' transactions wait for the next connection. */
  connectionClosed(): void {
    this.requeueInFlight();
    this.inFlightSocket = null;
    this.connected = false;
    this.synced = false;
    this.changed();
  }

  private requeueInFlight(): void {
    for (const covered of this.inFlight) this.uncovered += covered;
    this.inFlight = [];
  }

  /** The current state; a new object whenever something changed (for useSyncExternalStore). */
  getSnapshot = (): SaveState => this.snapshot;

  /** Calls `listener` after every change of the state. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Stops listening to the document and the provider. */
  destroy(): void {
    for (const undo of this.detach.splice(0)) undo();
    this.listeners.clear();
  }

  private computeSnapshot(): SaveState {
    const inFlight = this.inFlight.reduce((sum, covered) => sum + covered, 0);
    return {
      unsaved: this.uncovered + inFlight,
      refused: this.refused,
      refusedReason: this.refusedReason,
      connected: this.connected,
      synced: this.synced,
      stoppedCode: this.stoppedCode,
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
      next.stoppedCode === prev.stoppedCode
    ) {
      return;
    }
    this.snapshot = next;
    for (const listener of [...this.listeners]) listener();
  }
}
