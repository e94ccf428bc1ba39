import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import { CLOSE_SERVER_BEHIND } from '../../shared/protocol';
import type { SharedMessage } from './binaryFrame';
import type { Identity } from './Identity';
import { MAX_BUFFERED_BYTES, MAX_ECHO_CREDITS, MAX_MESSAGE_BURST, MAX_MESSAGES_PER_SECOND, MAX_PENDING_BYTES } from './limits';

/** One client's socket to one room, with its identity, write right and flow limits. */
export class Connection {
  /** The single flag the room consults before storing or relaying this client's writes. */
  canWrite: boolean;
  /** Whether the client asked for MESSAGE_WRITE_ACK answers (`?acks=1`). */
  readonly wantsAcks: boolean;
  /** Awareness client ids this connection has set; it may change only these. */
  readonly awarenessIds = new Set<number>();
  /** Writes refused because the connection is read-only. */
  refusedWrites = 0;
  /** Bytes received but not yet processed by the room. */
  pendingBytes = 0;
  isAlive = true;
  private closed = false;
  private tokens = MAX_MESSAGE_BURST;
  /** Presence frames we sent, which the client may echo back without paying for them. */
  private echoCredits = 0;
  private lastRefill = Date.now();

  constructor(
    readonly socket: WebSocket,
    readonly identity: Identity,
    options: { canWrite: boolean; wantsAcks: boolean },
    /**
     * The TCP socket under `socket` (from our upgrade handler), for frames built once for many
     * connections. Without it, or with an extension such as compression negotiated, ws frames.
     */
    private readonly rawSocket: Duplex | null = null,
  ) {
    this.canWrite = options.canWrite;
    this.wantsAcks = options.wantsAcks;
  }

  get isClosed(): boolean {
    return this.closed || this.socket.readyState !== this.socket.OPEN;
  }

  /** Whether the server closed this connection (for misbehaving, or because its rights changed). */
  get closedByServer(): boolean {
    return this.closed;
  }

  /** Sends a message, or drops the client if it has stopped reading what we send. */
  send(data: Uint8Array): void {
    if (this.mayBuffer()) this.socket.send(data, { binary: true });
  }

  /**
   * Sends a message that goes to many connections, as the frame built once for all of them.
   * Written to the same TCP stream as ws's own frames, in call order; ws buffers nothing of its
   * own when no extension is negotiated, so frames cannot interleave.
   */
  sendShared(message: SharedMessage): void {
    if (!this.mayBuffer()) return;
    if (this.rawSocket && this.socket.extensions === '') this.rawSocket.write(message.frame);
    else this.socket.send(message.data, { binary: true });
  }

  private mayBuffer(): boolean {
    if (this.isClosed) return false;
    // Counts what waits in the TCP socket too, however it was written.
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.close(CLOSE_SERVER_BEHIND, 'Too much data waiting for this client');
      return false;
    }
    return true;
  }

  /** Counts a received message against the rate limit; false when over it. */
  takeMessageToken(now: number = Date.now()): boolean {
    this.tokens = Math.min(MAX_MESSAGE_BURST, this.tokens + ((now - this.lastRefill) / 1000) * MAX_MESSAGES_PER_SECOND);
    this.lastRefill = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Records a presence frame sent to this client (it may echo it back for free). */
  grantEchoCredit(): void {
    this.echoCredits = Math.min(MAX_ECHO_CREDITS, this.echoCredits + 1);
  }

  /** Pays for an echoed presence frame; false when this client echoes more than it was sent. */
  takeEchoCredit(): boolean {
    if (this.echoCredits < 1) return false;
    this.echoCredits -= 1;
    return true;
  }

  /** Whether more bytes may wait for processing. */
  canQueue(bytes: number): boolean {
    return this.pendingBytes + bytes <= MAX_PENDING_BYTES;
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    // Reasons are limited to 123 bytes by the WebSocket protocol.
    this.socket.close(code, reason.slice(0, 120));
  }
}
