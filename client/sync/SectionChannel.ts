// One section's document on the page's multiplexed socket: y-protocols sync and awareness over
// the section's channel, as y-websocket's provider speaks them over a socket of its own. It
// sends its SyncStep1 when the channel opens and answers the server's; sends local updates and
// presence; reports every write frame, ack and change of connection to the save tracker; and
// opens the channel again after a close that is not final (4100: read-only or writable as the
// rules now say), with back-off.
//
// While the browser's copy of the section is loading (IndexedDB), the channel is open but held:
// what the server sends waits, unread, and nothing of the document is sent. Once the copy is in,
// the server's SyncStep1 is answered with a SyncStep2 that carries what was typed offline, as if
// the channel had opened only then; but the server's answers have travelled meanwhile.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';
import { channelPrefix } from '../../shared/channelMessages';
import { isFinalClose, MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS, MESSAGE_SYNC, MESSAGE_WRITE_ACK, SYNC_STEP1, SYNC_STEP2 } from '../../shared/protocol';
import { encodeAwareness, encodeUpdate, readWriteAck } from '../../shared/syncMessages';
import type { ChannelEndpoint, ResponseConnection } from './ResponseConnection';
import { isWriteFrame, type SaveTrackerInput } from './SaveTracker';

const FIRST_REOPEN_MS = 0;
const SECOND_REOPEN_MS = 100;
const MAX_REOPEN_MS = 5_000;

/**
 * Where the channel is: `closed` (not open on the socket: waiting for the socket, for the local
 * copy, or for a reopen), `open` (its CONTROL_OPEN sent on the current socket), `stopped` (the
 * server ended it for good), `destroyed`.
 */
type ChannelState = 'closed' | 'open' | 'stopped' | 'destroyed';

export interface SectionChannelOptions {
  connection: ResponseConnection;
  sectionId: string;
  doc: Y.Doc;
  /** Told of every frame, ack and change of connection (see SaveTracker). */
  tracker: SaveTrackerInput;
}

/** A section's sync and presence over its channel; `awareness` is what CollaborationCaret reads. */
export class SectionChannel implements ChannelEndpoint {
  readonly sectionId: string;
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  private readonly connection: ResponseConnection;
  private readonly tracker: SaveTrackerInput;
  private readonly prefix: Uint8Array;
  private state: ChannelState = 'closed';
  private wantsOpen = false;
  private synced = false;
  /** Stands for the current opening, so the tracker can tell frames of one opening from the next. */
  private opening: object | null = null;
  private reopenMs = FIRST_REOPEN_MS;
  private reopenTimer: ReturnType<typeof setTimeout> | null = null;
  /** Messages received while held (the local copy is loading), in order; null when not held. */
  private held: Uint8Array[] | null = null;

  constructor(options: SectionChannelOptions) {
    this.sectionId = options.sectionId;
    this.doc = options.doc;
    this.connection = options.connection;
    this.tracker = options.tracker;
    this.prefix = channelPrefix(options.sectionId);
    this.awareness = new awarenessProtocol.Awareness(options.doc);
    // Registered after the tracker's own listener, so an edit is counted before it is sent.
    this.doc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
    this.connection.attach(this);
  }

  /** Whether the document holds the server's state on the current opening. */
  get isSynced(): boolean {
    return this.synced;
  }

  /** Holds the channel until `release()`: call before connect() while the local copy loads. */
  hold(): void {
    this.held ??= [];
  }

  /** The local copy is in the document: what the server sent meanwhile is read now. */
  release(): void {
    const held = this.held;
    this.held = null;
    if (!held) return;
    for (const message of held) this.receive(message);
    // What was restored or typed meanwhile is in the SyncStep2 just sent, or in the next one.
  }

  /** Opens the channel now if the socket is open, else as soon as it is. */
  connect(): void {
    if (this.state === 'destroyed') return;
    this.wantsOpen = true;
    if (this.state !== 'closed') return;
    if (this.connection.isOpen) this.open();
    // The server ended the page's socket for good before this channel was made.
    else if (this.connection.stopped !== null) this.socketClosed(this.connection.stopped);
    // The socket is down: as for a provider whose attempt failed, the server is out of reach.
    else if (this.connection.outOfReach) this.tracker.connectionClosed();
  }

  socketOpened(): void {
    if (this.wantsOpen && this.state === 'closed') this.open();
  }

  receive(message: Uint8Array): void {
    if (this.state !== 'open') return;
    if (this.held) {
      this.held.push(message);
      return;
    }
    const decoder = decoding.createDecoder(message);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MESSAGE_SYNC:
        return this.receiveSync(decoder);
      case MESSAGE_AWARENESS:
        awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), this);
        return;
      case MESSAGE_QUERY_AWARENESS:
        this.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()])));
        return;
      case MESSAGE_WRITE_ACK: {
        const { status, reason } = readWriteAck(decoder);
        this.tracker.ackReceived(status, reason);
        return;
      }
      default:
        return;
    }
  }

  serverClosed(code: number): void {
    if (this.state !== 'open') return;
    this.ended();
    if (isFinalClose(code)) {
      this.state = 'stopped';
      this.tracker.stopped(code);
      return;
    }
    // Told to come back (the rules changed) or a passing failure: back-off only if it repeats
    // before the channel syncs again.
    const delay = this.reopenMs;
    this.reopenMs = delay === 0 ? SECOND_REOPEN_MS : Math.min(delay * 2, MAX_REOPEN_MS);
    this.reopenTimer = setTimeout(() => {
      this.reopenTimer = null;
      if (this.state === 'closed' && this.connection.isOpen) this.open();
    }, delay);
  }

  socketClosed(finalCode: number | null): void {
    if (this.state === 'open') this.ended();
    // An attempt failed while the channel waited to open: the server is out of reach.
    else if (this.state === 'closed' && this.wantsOpen) this.tracker.connectionClosed();
    if (finalCode !== null && this.state !== 'destroyed' && this.state !== 'stopped') {
      this.state = 'stopped';
      this.tracker.stopped(finalCode);
    }
  }

  /** Leaves the channel (own presence removed first) and stops following the document. */
  destroy(): void {
    if (this.state === 'destroyed') return;
    if (this.reopenTimer) clearTimeout(this.reopenTimer);
    this.wantsOpen = false;
    // Sent while still open: the others see this client leave at once.
    awarenessProtocol.removeAwarenessStates(this.awareness, [this.doc.clientID], 'destroy');
    if (this.state === 'open') this.connection.leaveChannel(this);
    this.state = 'destroyed';
    this.doc.off('update', this.onDocUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.connection.detach(this);
    this.awareness.destroy();
  }

  private open(): void {
    this.state = 'open';
    this.opening = {};
    this.synced = false;
    this.connection.openChannel(this);
    this.tracker.statusChanged(true);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(encoder, this.doc);
    this.send(encoding.toUint8Array(encoder));
    if (this.awareness.getLocalState() !== null) {
      this.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.clientID])));
    }
  }

  /** The current opening is over (closed by the server, or with the socket). */
  private ended(): void {
    this.state = 'closed';
    this.opening = null;
    this.synced = false;
    // What the server sent on this opening is void; the next opening starts afresh.
    if (this.held) this.held = [];
    this.tracker.connectionClosed();
    this.tracker.statusChanged(false);
    // The others' presence came over this channel; it is stale now.
    const others = [...this.awareness.getStates().keys()].filter((id) => id !== this.doc.clientID);
    awarenessProtocol.removeAwarenessStates(this.awareness, others, this);
  }

  private receiveSync(decoder: decoding.Decoder): void {
    const step = decoding.readVarUint(decoding.clone(decoder));
    if (step === SYNC_STEP1) {
      // Looked at before it is answered: the tracker counts restored content against it.
      const peek = decoding.clone(decoder);
      decoding.readVarUint(peek);
      this.tracker.serverStateVectorReceived(decoding.readVarUint8Array(peek));
    }
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.readSyncMessage(decoder, encoder, this.doc, this);
    if (encoding.length(encoder) > 1) this.send(encoding.toUint8Array(encoder));
    if (step === SYNC_STEP2 && !this.synced) {
      this.synced = true;
      this.reopenMs = FIRST_REOPEN_MS;
      this.tracker.syncChanged(true);
    }
  }

  private send(message: Uint8Array): void {
    if (this.state !== 'open') return;
    if (isWriteFrame(message)) this.tracker.frameSent(message, this.opening);
    this.connection.send(this.prefix, message);
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    // What the server sent is not sent back; what is restored or typed while closed or held
    // goes in the next SyncStep2.
    if (origin === this || this.held) return;
    this.send(encodeUpdate(update));
  };

  private readonly onAwarenessUpdate = (changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void => {
    // Only this client's own presence is sent (the server relays everyone's to everyone).
    if (origin === this) return;
    const changed = [...changes.added, ...changes.updated, ...changes.removed];
    this.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)));
  };
}
