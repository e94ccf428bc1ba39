// One section's channel on a multiplexed socket, dressed as the socket a Connection expects, so
// that a Room serves it exactly as it serves a section's own socket: the same write gate, acks,
// presence rules and flow control. What the room sends goes out prefixed with the channel's
// name; a close becomes a CONTROL_CLOSED on the control channel, and the socket stays open.
import type { Duplex } from 'node:stream';
import { channelPrefix, prefixedFrame } from '../../shared/channelMessages';
import { Connection, type ConnectionSocket } from './Connection';
import type { Identity } from './Identity';

/** What a channel needs of the multiplexed socket it travels on (MultiplexSocket). */
export interface ChannelHost {
  /** The ws socket's state. */
  readonly readyState: ConnectionSocket['readyState'];
  /** Bytes waiting to be sent on the ws socket, every channel's together. */
  readonly bufferedAmount: number;
  /** Sends a whole frame (already prefixed). */
  sendFrame(frame: Uint8Array): void;
  /** Stops reading the ws socket on behalf of `holder`, until `resumeFor(holder)`. */
  pauseFor(holder: ChannelSocket): void;
  resumeFor(holder: ChannelSocket): void;
  /** The server ended the channel (its Connection was closed with `code`). */
  channelEnded(channel: ChannelSocket, code: number, reason: string): void;
  /** A frame of one of its channels waits in a room's queue; and has been processed. */
  queued(bytes: number): void;
  dequeued(bytes: number): void;
}

const CLOSED = 3;

/** The socket of one channel: a Connection writes to it as to a ws socket. */
export class ChannelSocket implements ConnectionSocket {
  readonly OPEN = 1;
  // Frames go through the host's ws socket, never written raw beside it.
  readonly extensions = '';
  private readonly prefix: Uint8Array;
  private ended = false;

  constructor(
    private readonly host: ChannelHost,
    readonly sectionId: string,
  ) {
    this.prefix = channelPrefix(sectionId);
  }

  get readyState(): ConnectionSocket['readyState'] {
    return this.ended ? CLOSED : this.host.readyState;
  }

  get bufferedAmount(): number {
    return this.host.bufferedAmount;
  }

  get isEnded(): boolean {
    return this.ended;
  }

  send(data: unknown): void {
    if (this.ended) return;
    if (!(data instanceof Uint8Array)) throw new TypeError('a channel sends binary messages only');
    this.host.sendFrame(prefixedFrame(this.prefix, data));
  }

  /** The server closes the channel: the client is told with CONTROL_CLOSED. */
  close(code?: number, reason?: string): void {
    if (this.ended) return;
    this.ended = true;
    this.host.resumeFor(this);
    this.host.channelEnded(this, code ?? 1000, reason ?? '');
  }

  /** The channel ends without a word to the client (it left, or the socket closed). */
  end(): void {
    this.ended = true;
    this.host.resumeFor(this);
  }

  pause(): void {
    if (!this.ended) this.host.pauseFor(this);
  }

  resume(): void {
    this.host.resumeFor(this);
  }
}

/**
 * A Connection on a channel: as any other, and what waits in its room's queue also counts
 * towards its socket's total, so that many channels cannot together hold more than one.
 */
export class ChannelConnection extends Connection {
  constructor(
    readonly channel: ChannelSocket,
    private readonly host: ChannelHost,
    identity: Identity,
    options: { canWrite: boolean },
  ) {
    super(channel, identity, { canWrite: options.canWrite, wantsAcks: true }, null as Duplex | null);
  }

  override queued(bytes: number): boolean {
    if (!super.queued(bytes)) return false;
    this.host.queued(bytes);
    return true;
  }

  override dequeued(bytes: number): void {
    super.dequeued(bytes);
    this.host.dequeued(bytes);
  }
}
