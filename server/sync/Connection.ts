import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import { CLOSE_MALFORMED, CLOSE_SERVER_BEHIND } from '../../shared/protocol';
import { encodeWriteAck } from '../../shared/syncMessages';
import { logSecurity } from '../log';
import type { SharedMessage } from './binaryFrame';
import type { Identity } from './Identity';
import {
  ANSWER_BYTES_BURST,
  ANSWER_BYTES_PER_SECOND,
  MAX_BUFFERED_BYTES,
  MAX_ECHO_CREDITS,
  MAX_MESSAGE_BURST,
  MAX_MESSAGES_PER_SECOND,
  MAX_PENDING_BYTES,
  QUEUE_HIGH_BYTES,
  QUEUE_HIGH_MESSAGES,
  QUEUE_LOW_MESSAGES,
} from './limits';
import { TokenBucket } from './TokenBucket';

/** Why reading a socket is paused: its queue is long, it sends too fast, or it asks for too much. */
type PauseReason = 'queue' | 'rate' | 'answers';

/** The part of a ws socket a connection uses (tests stand in for it). */
export type ConnectionSocket = Pick<WebSocket, 'send' | 'close' | 'readyState' | 'OPEN' | 'bufferedAmount' | 'extensions'> &
  Partial<Pick<WebSocket, 'pause' | 'resume'>>;

/**
 * One client's socket to one room, with its identity, write right and flow control. A client
 * that sends faster than the room processes is slowed down by no longer reading its socket
 * (TCP pushes back on it), never closed for being fast.
 */
export class Connection {
  /** The single flag the room consults before storing or relaying this client's writes. */
  canWrite: boolean;
  /** Whether the client asked for MESSAGE_WRITE_ACK answers (`?acks=1`). */
  readonly wantsAcks: boolean;
  /** Awareness client ids this connection has set; it may change only these. */
  readonly awarenessIds = new Set<number>();
  /** Writes refused because the connection is read-only. */
  refusedWrites = 0;
  isAlive = true;
  private closed = false;
  private queuedMessages = 0;
  private queuedBytes = 0;
  private readonly pauses = new Set<PauseReason>();
  private readonly resumeTimers = new Map<PauseReason, NodeJS.Timeout>();
  private readonly messages = new TokenBucket(MAX_MESSAGES_PER_SECOND, MAX_MESSAGE_BURST);
  private readonly answers = new TokenBucket(ANSWER_BYTES_PER_SECOND, ANSWER_BYTES_BURST);
  /** Presence frames we sent, which the client may echo back without paying for them. */
  private echoCredits = 0;

  constructor(
    readonly socket: ConnectionSocket,
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

  /** Whether the server has stopped reading this client's socket for now. */
  get isPaused(): boolean {
    return this.pauses.size > 0;
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

  /** Sends an answer the client asked for, paid from its answer allowance. */
  sendAnswer(data: Uint8Array | SharedMessage): void {
    const bytes = data instanceof Uint8Array ? data.byteLength : data.data.byteLength;
    if (data instanceof Uint8Array) this.send(data);
    else this.sendShared(data);
    this.answers.spend(bytes);
    this.pauseWhileOver('answers', this.answers);
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

  /** A received frame, counted against the message allowance (reading pauses while over it). */
  received(): void {
    this.messages.spend(1);
    this.pauseWhileOver('rate', this.messages);
  }

  /** A frame waits in the room's queue; false when far too much already waits (the connection is closed). */
  queued(bytes: number): boolean {
    if (this.queuedBytes + bytes > MAX_PENDING_BYTES) {
      this.close(CLOSE_SERVER_BEHIND, 'Too much data waiting to be processed');
      return false;
    }
    this.queuedMessages += 1;
    this.queuedBytes += bytes;
    if (this.queuedMessages >= QUEUE_HIGH_MESSAGES || this.queuedBytes >= QUEUE_HIGH_BYTES) this.pause('queue');
    return true;
  }

  /** A queued frame has been processed. */
  dequeued(bytes: number): void {
    this.queuedMessages -= 1;
    this.queuedBytes -= bytes;
    if (this.queuedMessages <= QUEUE_LOW_MESSAGES && this.queuedBytes < QUEUE_HIGH_BYTES / 4) this.resume('queue');
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

  /** Answers one of its write frames (MESSAGE_WRITE_ACK), if it asked for answers. */
  acknowledge(status: number, reason: string): void {
    if (this.wantsAcks) this.send(encodeWriteAck(status, reason));
  }

  /** Closes it for a frame that is not part of the protocol (only this connection: never the room). */
  closeMalformed(roomName: string, error: unknown): void {
    const reason = error instanceof Error ? error.message : String(error);
    logSecurity('sync.malformed_frame', { room: roomName, userId: this.identity.userId, reason });
    this.close(CLOSE_MALFORMED, `Malformed message: ${reason}`);
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.resumeTimers.values()) clearTimeout(timer);
    this.resumeTimers.clear();
    // Reasons are limited to 123 bytes by the WebSocket protocol.
    this.socket.close(code, reason.slice(0, 120));
  }

  private pauseWhileOver(reason: PauseReason, bucket: TokenBucket): void {
    const wait = bucket.waitMs();
    if (wait === 0 || this.resumeTimers.has(reason) || this.closed) return;
    this.pause(reason);
    const timer = setTimeout(() => {
      this.resumeTimers.delete(reason);
      if (bucket.waitMs() === 0) this.resume(reason);
      else this.pauseWhileOver(reason, bucket);
    }, wait);
    timer.unref();
    this.resumeTimers.set(reason, timer);
  }

  private pause(reason: PauseReason): void {
    if (this.pauses.size === 0) this.socket.pause?.();
    this.pauses.add(reason);
  }

  private resume(reason: PauseReason): void {
    if (!this.pauses.delete(reason)) return;
    if (this.pauses.size === 0 && !this.closed) this.socket.resume?.();
  }
}
