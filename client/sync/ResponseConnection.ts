// A response page's one socket to the server (`/sync/<responseId>`, shared/protocol.ts): it
// carries every section's channel and the page's events, and reconnects with back-off until the
// server says the session or the membership is gone.
import { decodeChannelFrame, decodeControl, encodeControl, prefixedFrame } from '../../shared/channelMessages';
import { CONTROL_CHANNEL, isFinalClose, responseSyncPath } from '../../shared/protocol';
import { parseServerEvent, type EventStreamHandlers } from './EventStream';
import { wsBase } from './wsBase';

const FIRST_RETRY_MS = 100;
const MAX_RETRY_MS = 2_500;

/** What the connection needs of a channel (SectionChannel). */
export interface ChannelEndpoint {
  readonly sectionId: string;
  /** The socket is open (again): the channel may open itself. */
  socketOpened(): void;
  /** A message of this channel from the server. */
  receive(message: Uint8Array): void;
  /** The server ended this channel (CONTROL_CLOSED). */
  serverClosed(code: number, reason: string): void;
  /** The socket closed; `finalCode` when the server closed it for good (4401, 4403), else null. */
  socketClosed(finalCode: number | null): void;
}

export interface ResponseConnectionOptions {
  /** The WebSocket class (the browser's by default; `ws` in Node). */
  WebSocket?: typeof WebSocket;
  /** `ws://host` of the server (this page's own origin by default). */
  base?: string;
}

/** One self-reconnecting multiplexed socket per response page. */
export class ResponseConnection {
  private socket: WebSocket | null = null;
  private retryMs = FIRST_RETRY_MS;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  private stoppedCode: number | null = null;
  /** The last attempt failed, or the socket closed, and it has not opened since. */
  private down = false;
  private readonly channels = new Set<ChannelEndpoint>();
  /**
   * Per section, the channels opened on this socket whose CONTROL_CLOSED has not come yet,
   * oldest first (null: left by us). The server's frames and CLOSED for a section always
   * concern the oldest.
   */
  private readonly opened = new Map<string, Array<ChannelEndpoint | null>>();
  private readonly WebSocketClass: typeof WebSocket;
  private readonly url: string;

  constructor(
    responseId: string,
    private readonly handlers: EventStreamHandlers,
    options: ResponseConnectionOptions = {},
  ) {
    this.WebSocketClass = options.WebSocket ?? WebSocket;
    this.url = (options.base ?? wsBase()) + responseSyncPath(responseId);
    this.open();
  }

  /** The socket is open: channels may send. */
  get isOpen(): boolean {
    return this.socket !== null && this.socket.readyState === this.WebSocketClass.OPEN;
  }

  /** Whether the server is out of reach: the socket closed or failed and has not opened again. */
  get outOfReach(): boolean {
    return this.down;
  }

  /** The close code that ended the connection for good, if it has. */
  get stopped(): number | null {
    return this.stoppedCode;
  }

  /** Follows a channel: it is told when the socket opens and closes. */
  attach(channel: ChannelEndpoint): void {
    this.channels.add(channel);
  }

  detach(channel: ChannelEndpoint): void {
    this.channels.delete(channel);
  }

  /** Opens a channel on the open socket (CONTROL_OPEN). */
  openChannel(channel: ChannelEndpoint): void {
    if (!this.isOpen) return;
    let list = this.opened.get(channel.sectionId);
    if (!list) {
      list = [];
      this.opened.set(channel.sectionId, list);
    }
    list.push(channel);
    this.sendFrame(encodeControl({ type: 'open', sectionId: channel.sectionId }));
  }

  /** Leaves a channel (CONTROL_CLOSE); what the server still sends for it is dropped. */
  leaveChannel(channel: ChannelEndpoint): void {
    const list = this.opened.get(channel.sectionId);
    const index = list?.lastIndexOf(channel) ?? -1;
    if (!list || index < 0) return;
    list[index] = null;
    this.sendFrame(encodeControl({ type: 'close', sectionId: channel.sectionId }));
  }

  /** Sends a message on a channel: `prefix` is its name as channelPrefix encodes it. */
  send(prefix: Uint8Array, message: Uint8Array): void {
    this.sendFrame(prefixedFrame(prefix, message));
  }

  /** Closes the socket and stops reconnecting. */
  close(): void {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const socket = this.socket;
    this.socket = null;
    this.opened.clear();
    if (socket) {
      socket.onopen = null;
      socket.onmessage = null;
      socket.onclose = null;
      socket.close();
    }
  }

  private sendFrame(frame: Uint8Array): void {
    if (this.isOpen) this.socket!.send(frame);
  }

  private open(): void {
    if (this.closed || this.stoppedCode !== null) return;
    const socket = new this.WebSocketClass(this.url);
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      this.down = false;
      for (const channel of [...this.channels]) channel.socketOpened();
      this.handlers.onOpen();
    };
    socket.onmessage = (event: MessageEvent<unknown>) => {
      if (this.socket !== socket || !(event.data instanceof ArrayBuffer)) return;
      // The server answered: back-off starts afresh for the next outage.
      this.retryMs = FIRST_RETRY_MS;
      this.receive(new Uint8Array(event.data));
    };
    socket.onclose = (event: CloseEvent) => {
      if (this.socket !== socket || this.closed) return;
      this.socket = null;
      this.opened.clear();
      this.down = true;
      this.handlers.onClose?.();
      const final = isFinalClose(event.code);
      if (final) this.stoppedCode = event.code;
      for (const channel of [...this.channels]) channel.socketClosed(final ? event.code : null);
      if (final) {
        this.handlers.onStopped(event.code);
        return;
      }
      this.retryTimer = setTimeout(() => this.open(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
    };
  }

  private receive(data: Uint8Array): void {
    let frame;
    try {
      frame = decodeChannelFrame(data);
      if (frame.channel !== CONTROL_CHANNEL) {
        this.opened.get(frame.channel)?.[0]?.receive(frame.message);
        return;
      }
      const control = decodeControl(frame.message);
      switch (control.type) {
        case 'event': {
          const event = parseServerEvent(control.json);
          if (event) this.handlers.onEvent(event);
          return;
        }
        case 'closed': {
          const list = this.opened.get(control.sectionId);
          const channel = list?.shift();
          if (list?.length === 0) this.opened.delete(control.sectionId);
          channel?.serverClosed(control.code, control.reason);
          return;
        }
        case 'open':
        case 'close':
          return; // only clients send these
      }
    } catch (error) {
      // A frame we cannot read is a server bug; the other channels carry on.
      console.error('Countersign: a frame from the server could not be read', error);
    }
  }
}
