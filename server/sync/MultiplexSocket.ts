// A response page's one socket (`/sync/<responseId>`, see shared/protocol.ts): each section the
// page shows is a channel, served by the section's Room through a ChannelConnection exactly as
// a section's own socket is; the control channel opens and closes channels and carries the
// page's events.
//
// Flow control holds for the socket as a whole: one TCP stream carries every channel, so
// reading it stops while any channel has too much waiting (its Connection's own marks), while
// all of them together hold too many bytes, or while the socket sends more messages than one
// client would; it resumes when that has drained. The channels' total is counted in bytes, not
// messages: a page opening a hundred sections sends a few hundred small frames at once, which
// is no reason to stop reading it.
import type { WebSocket } from 'ws';
import { decodeChannelFrame, decodeControl, encodeControl } from '../../shared/channelMessages';
import { ID_PATTERN } from '../../shared/ids';
import {
  CLOSE_CHANNEL_LEFT,
  CLOSE_FORBIDDEN,
  CLOSE_MALFORMED,
  CLOSE_SECTION_REMOVED,
  CLOSE_SERVER_BEHIND,
  CONTROL_CHANNEL,
} from '../../shared/protocol';
import type { Membership } from '../../shared/model';
import { log, logSecurity } from '../log';
import type { Stores } from '../store/Store';
import { ChannelConnection, ChannelSocket, type ChannelHost } from './ChannelSocket';
import type { Connection } from './Connection';
import type { EventSink } from './EventHub';
import {
  MAX_BUFFERED_BYTES,
  MAX_CHANNELS_PER_SOCKET,
  MAX_MESSAGE_BURST,
  MAX_MESSAGES_PER_SECOND,
  MAX_PENDING_BYTES,
  QUEUE_HIGH_BYTES,
} from './limits';
import type { Room } from './Room';
import type { RoomRegistry } from './RoomRegistry';
import { TokenBucket } from './TokenBucket';
import { decideRoomAccess, type RoomAccess } from './writeAccess';

export interface MultiplexSocketOptions {
  ws: WebSocket;
  responseId: string;
  /** Who opened the socket (the session authenticated the upgrade). */
  user: { userId: string; name: string; sessionHash: string };
  store: Stores;
  rooms: RoomRegistry;
  /** Applies the current rules to one connection of a room; runs inside the room's queue. */
  refresh: (room: Room, connection: Connection) => Promise<void>;
}

/**
 * A channel: `opening` while its access is decided (its frames wait, in order), then `open`.
 * A channel the server or the client closed is no longer in the map.
 */
type Channel =
  | { kind: 'opening'; buffered: Uint8Array[]; bytes: number }
  | { kind: 'open'; socket: ChannelSocket; connection: ChannelConnection; room: Room };

/** Why the socket-wide reading is paused, besides a channel's own flow control. */
type SocketPause = 'rate' | 'queue' | 'opening';

/** One multiplexed socket: its channels, its events and its flow control. */
export class MultiplexSocket implements ChannelHost {
  private readonly channels = new Map<string, Channel>();
  /** Whoever has asked to stop reading: channels (their Connection's flow control) and the socket itself. */
  private readonly pausedBy = new Set<ChannelSocket | SocketPause>();
  private readonly messages = new TokenBucket(MAX_MESSAGES_PER_SECOND, MAX_MESSAGE_BURST);
  private rateTimer: NodeJS.Timeout | null = null;
  private queuedBytes = 0;
  private openingBytes = 0;
  private ended = false;

  /** Where the EventHub sends this page its events: CONTROL_EVENT frames. */
  readonly eventSink: EventSink = {
    sendEvent: (json) => this.sendFrame(encodeControl({ type: 'event', json })),
    close: (code, reason) => this.closeSocket(code, reason),
  };

  constructor(private readonly options: MultiplexSocketOptions) {}

  get readyState(): WebSocket['readyState'] {
    return this.options.ws.readyState;
  }

  get bufferedAmount(): number {
    return this.options.ws.bufferedAmount;
  }

  /** Channels open or opening (for tests and logs). */
  get channelCount(): number {
    return this.channels.size;
  }

  /** A frame from the client. */
  receive(data: Uint8Array, isBinary: boolean): void {
    if (this.ended) return;
    if (!isBinary) return this.closeSocket(CLOSE_MALFORMED, 'Text frames are not part of the protocol');
    this.messages.spend(1);
    this.pauseWhileOverRate();
    let channelName: string;
    let message: Uint8Array;
    try {
      ({ channel: channelName, message } = decodeChannelFrame(data));
    } catch (error) {
      return this.malformed(error);
    }
    if (channelName === CONTROL_CHANNEL) return this.control(message);
    const channel = this.channels.get(channelName);
    // A frame for a channel that has closed was in flight when it did: it is dropped, as
    // frames sent to a closed socket are.
    if (!channel) return;
    if (channel.kind === 'opening') {
      channel.buffered.push(message);
      channel.bytes += message.byteLength;
      this.openingBytes += message.byteLength;
      if (this.openingBytes >= QUEUE_HIGH_BYTES) this.pauseFor('opening');
      return;
    }
    channel.room.receive(channel.connection, message);
  }

  /** The ws socket has closed: every channel leaves its room. */
  socketClosed(): void {
    this.ended = true;
    if (this.rateTimer) clearTimeout(this.rateTimer);
    this.rateTimer = null;
    for (const channel of this.channels.values()) {
      if (channel.kind !== 'open') continue;
      channel.socket.end();
      channel.room.removeConnection(channel.connection);
    }
    this.channels.clear();
    this.pausedBy.clear();
  }

  sendFrame(frame: Uint8Array): void {
    const { ws } = this.options;
    if (this.ended || ws.readyState !== ws.OPEN) return;
    // Every channel shares the socket's buffer: a client that stops reading is dropped whole,
    // and reconnects.
    if (ws.bufferedAmount > MAX_BUFFERED_BYTES) return this.closeSocket(CLOSE_SERVER_BEHIND, 'Too much data waiting for this client');
    ws.send(frame, { binary: true });
  }

  pauseFor(holder: ChannelSocket | SocketPause): void {
    if (this.ended) return;
    if (this.pausedBy.size === 0) this.options.ws.pause();
    this.pausedBy.add(holder);
  }

  resumeFor(holder: ChannelSocket | SocketPause): void {
    if (!this.pausedBy.delete(holder)) return;
    if (this.pausedBy.size === 0 && !this.ended) this.options.ws.resume();
  }

  channelEnded(socket: ChannelSocket, code: number, reason: string): void {
    const channel = this.channels.get(socket.sectionId);
    if (channel?.kind === 'open' && channel.socket === socket) {
      this.channels.delete(socket.sectionId);
      channel.room.removeConnection(channel.connection);
    }
    if (this.ended) return;
    if (code === CLOSE_SERVER_BEHIND && this.bufferedAmount > MAX_BUFFERED_BYTES) return this.closeSocket(code, reason);
    this.sendClosed(socket.sectionId, code, reason);
  }

  queued(bytes: number): void {
    this.queuedBytes += bytes;
    if (this.queuedBytes > MAX_PENDING_BYTES) return this.closeSocket(CLOSE_SERVER_BEHIND, 'Too much data waiting to be processed');
    if (this.queuedBytes >= QUEUE_HIGH_BYTES) this.pauseFor('queue');
  }

  dequeued(bytes: number): void {
    this.queuedBytes -= bytes;
    if (this.queuedBytes < QUEUE_HIGH_BYTES / 4) this.resumeFor('queue');
  }

  private control(data: Uint8Array): void {
    let message;
    try {
      message = decodeControl(data);
    } catch (error) {
      return this.malformed(error);
    }
    switch (message.type) {
      case 'open':
        void this.open(message.sectionId);
        return;
      case 'close':
        return this.leave(message.sectionId);
      case 'closed':
      case 'event':
        return this.malformed(new Error(`only the server sends ${message.type} messages`));
      default: {
        const exhaustive: never = message;
        return exhaustive;
      }
    }
  }

  private async open(sectionId: string): Promise<void> {
    if (this.channels.has(sectionId)) return this.malformed(new Error('this section is already open on this socket'));
    if (!ID_PATTERN.test(sectionId)) return this.sendClosed(sectionId, CLOSE_SECTION_REMOVED, 'There is no such section in this response');
    if (this.channels.size >= MAX_CHANNELS_PER_SOCKET) return this.sendClosed(sectionId, CLOSE_MALFORMED, 'Too many sections open on this socket');
    const opening: Channel = { kind: 'opening', buffered: [], bytes: 0 };
    this.channels.set(sectionId, opening);

    const { store, responseId, user } = this.options;
    let access: RoomAccess;
    let membership: Membership | null;
    try {
      [access, membership] = await Promise.all([decideRoomAccess(store, user.userId, responseId, sectionId), store.members.get(responseId, user.userId)]);
    } catch (error) {
      log.error('sync.channel_open_failed', { responseId, sectionId, error: String(error) });
      if (this.channels.get(sectionId) !== opening) return;
      this.dropOpening(sectionId, opening);
      return this.sendClosed(sectionId, 1011, 'This section could not be opened');
    }
    // The client left the channel meanwhile (its CLOSED is sent), or the socket closed.
    if (this.channels.get(sectionId) !== opening) return;
    this.dropOpening(sectionId, opening);

    if (access.kind !== 'granted' || !membership) {
      const notMember = access.kind === 'not_member' || !membership;
      if (notMember) logSecurity('sync.channel_refused', { reason: 'not_member', userId: user.userId, responseId, sectionId });
      return notMember
        ? this.sendClosed(sectionId, CLOSE_FORBIDDEN, 'You are not a member of this response')
        : this.sendClosed(sectionId, CLOSE_SECTION_REMOVED, 'There is no such section in this response');
    }
    const socket = new ChannelSocket(this, sectionId);
    const identity = { userId: user.userId, name: user.name, membership, sessionHash: user.sessionHash };
    const connection = new ChannelConnection(socket, this, identity, { canWrite: access.canWrite });
    const room = this.options.rooms.get(responseId, sectionId);
    this.channels.set(sectionId, { kind: 'open', socket, connection, room });
    room.addConnection(connection);
    // The access was decided outside the room's queue: a sign-off or a change of rights may
    // have run in between. Asked again in the queue, before any frame of this channel.
    void room.runExclusive(() => this.options.refresh(room, connection));
    for (const message of opening.buffered) room.receive(connection, message);
  }

  /** The client leaves a channel; it is answered with CLOSE_CHANNEL_LEFT. */
  private leave(sectionId: string): void {
    const channel = this.channels.get(sectionId);
    // Closed by the server already: that CLOSED, on its way, is the answer.
    if (!channel) return;
    if (channel.kind === 'opening') {
      this.dropOpening(sectionId, channel);
    } else {
      this.channels.delete(sectionId);
      channel.socket.end();
      // Frames it sent before leaving are still processed: they were sent, so they count.
      channel.room.removeConnection(channel.connection);
    }
    this.sendClosed(sectionId, CLOSE_CHANNEL_LEFT, '');
  }

  /** Forgets an opening channel and what it had waiting. */
  private dropOpening(sectionId: string, channel: Extract<Channel, { kind: 'opening' }>): void {
    if (this.channels.get(sectionId) === channel) this.channels.delete(sectionId);
    this.openingBytes -= channel.bytes;
    channel.bytes = 0;
    if (this.openingBytes < QUEUE_HIGH_BYTES / 4) this.resumeFor('opening');
  }

  private sendClosed(sectionId: string, code: number, reason: string): void {
    this.sendFrame(encodeControl({ type: 'closed', sectionId, code, reason: reason.slice(0, 200) }));
  }

  private pauseWhileOverRate(): void {
    const wait = this.messages.waitMs();
    if (wait === 0 || this.rateTimer || this.ended) return;
    this.pauseFor('rate');
    this.rateTimer = setTimeout(() => {
      this.rateTimer = null;
      if (this.messages.waitMs() === 0) this.resumeFor('rate');
      else this.pauseWhileOverRate();
    }, wait);
    this.rateTimer.unref();
  }

  private malformed(error: unknown): void {
    const reason = error instanceof Error ? error.message : String(error);
    logSecurity('sync.malformed_frame', { responseId: this.options.responseId, userId: this.options.user.userId, reason });
    this.closeSocket(CLOSE_MALFORMED, `Malformed message: ${reason}`);
  }

  private closeSocket(code: number, reason: string): void {
    const { ws } = this.options;
    if (this.ended || ws.readyState !== ws.OPEN) return;
    ws.close(code, reason.slice(0, 120));
  }
}
