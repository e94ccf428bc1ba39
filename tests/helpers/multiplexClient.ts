// A small Node client of the multiplexed socket (`/sync/<responseId>`, shared/protocol.ts), on
// the shared codec: it opens and closes channels, syncs each channel's own Y.Doc as
// y-websocket's provider would, records acks, CLOSED messages and events, and lets a test send
// raw frames. It is deliberately not the browser's client (client/sync/), so the tests check
// the server against the protocol as written, not against our client's reading of it.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { ServerEvent } from '../../shared/api';
import { decodeChannelFrame, decodeControl, encodeChannelFrame, encodeControl } from '../../shared/channelMessages';
import { CONTROL_CHANNEL, MESSAGE_AWARENESS, MESSAGE_SYNC, MESSAGE_WRITE_ACK, responseSyncPath, SECTION_FRAGMENT, SYNC_STEP2 } from '../../shared/protocol';
import { encodeAwareness, encodeUpdate } from '../../shared/syncMessages';
import { fragmentText, type WriteAck } from './clients';

/** One channel of the client: a section's document as this client holds it. */
export class TestChannel {
  readonly acks: WriteAck[] = [];
  /** The CONTROL_CLOSED this channel got, once it did. */
  closed: { code: number; reason: string } | null = null;
  synced = false;
  /** Frames received on the channel (their first varUint: MESSAGE_*), in order. */
  readonly received: number[] = [];
  readonly awareness: awarenessProtocol.Awareness;
  private stepAnswers: Array<() => void> = [];

  constructor(
    private readonly client: MultiplexClient,
    readonly sectionId: string,
    readonly doc: Y.Doc,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null);
    doc.on('update', this.onUpdate);
  }

  text(): string {
    return fragmentText(this.doc);
  }

  get isOpen(): boolean {
    return this.closed === null && this.client.isOpen;
  }

  /** Sends a y-websocket message on this channel as it is. */
  send(message: Uint8Array): void {
    this.client.sendRaw(encodeChannelFrame(this.sectionId, message));
  }

  /** Sets this client's presence on the channel and sends it. */
  setPresence(state: Record<string, unknown>): void {
    this.awareness.setLocalState(state);
    this.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.clientID])));
  }

  /**
   * Resolves once the server has processed every frame sent on this channel before the call (a
   * SyncStep1, answered with a SyncStep2 in order). Call it once synced.
   */
  roundTrip(timeoutMs = 10_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer on ${this.sectionId} within ${timeoutMs} ms`)), timeoutMs);
      this.stepAnswers.push(() => {
        clearTimeout(timer);
        resolve();
      });
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeSyncStep1(encoder, this.doc);
      this.send(encoding.toUint8Array(encoder));
    });
  }

  /** Stops following the document (the channel is over). */
  detach(): void {
    this.doc.off('update', this.onUpdate);
    this.awareness.destroy();
  }

  /** The handshake, as y-websocket's provider starts it on a new socket. */
  start(): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(encoder, this.doc);
    this.send(encoding.toUint8Array(encoder));
  }

  /** A message for this channel from the server. */
  receive(message: Uint8Array): void {
    const decoder = decoding.createDecoder(message);
    const type = decoding.readVarUint(decoder);
    this.received.push(type);
    switch (type) {
      case MESSAGE_SYNC: {
        const step = decoding.readVarUint(decoding.clone(decoder));
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, MESSAGE_SYNC);
        syncProtocol.readSyncMessage(decoder, encoder, this.doc, this);
        if (encoding.length(encoder) > 1) this.send(encoding.toUint8Array(encoder));
        if (step === SYNC_STEP2) {
          if (this.synced) this.stepAnswers.shift()?.();
          this.synced = true;
        }
        return;
      }
      case MESSAGE_AWARENESS:
        awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), this);
        return;
      case MESSAGE_WRITE_ACK: {
        const status = decoding.readVarUint(decoder);
        const reason = decoding.hasContent(decoder) ? decoding.readVarString(decoder) : '';
        this.acks.push({ status, reason });
        return;
      }
      default:
        return;
    }
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === this || !this.isOpen) return;
    this.send(encodeUpdate(update));
  };
}

/** A multiplexed socket to one response, as a page would hold it. */
export class MultiplexClient {
  readonly events: ServerEvent[] = [];
  /** The socket's close code once it has closed. */
  closeCode: number | null = null;
  readonly closedSocket: Promise<number>;
  /** Channels by section, oldest open first (frames and CLOSED refer to the oldest). */
  private readonly channels = new Map<string, TestChannel[]>();

  private constructor(readonly ws: WebSocket) {
    this.closedSocket = new Promise((resolve) =>
      ws.on('close', (code) => {
        this.closeCode = code;
        // The server forgets every channel with the socket.
        for (const list of this.channels.values()) for (const channel of list) channel.detach();
        this.channels.clear();
        resolve(code);
      }),
    );
    ws.on('message', (data: Buffer) => this.receive(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)));
  }

  /** Opens the socket; resolves with the client, or with the HTTP status the upgrade was refused with. */
  static connect(url: string, cookie: string, responseId: string, headers: Record<string, string> = {}): Promise<MultiplexClient | { refused: number }> {
    return new Promise((resolve) => {
      const ws = new WebSocket(`${url.replace(/^http/, 'ws')}${responseSyncPath(responseId)}`, { headers: { cookie, ...headers } });
      ws.binaryType = 'nodebuffer';
      const client = new MultiplexClient(ws);
      ws.once('open', () => resolve(client));
      ws.once('unexpected-response', (_request, response) => {
        resolve({ refused: response.statusCode ?? 0 });
        ws.terminate();
      });
      ws.once('error', () => resolve({ refused: -1 }));
    });
  }

  /** Opens, for tests that expect it to open. */
  static async open(url: string, cookie: string, responseId: string): Promise<MultiplexClient> {
    const client = await MultiplexClient.connect(url, cookie, responseId);
    if (!(client instanceof MultiplexClient)) throw new Error(`the multiplexed socket was refused: ${client.refused}`);
    return client;
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /** Opens a section's channel (with a new document, or one kept from before) and starts syncing it. */
  open(sectionId: string, doc: Y.Doc = new Y.Doc()): TestChannel {
    const channel = new TestChannel(this, sectionId, doc);
    const list = this.channels.get(sectionId) ?? [];
    list.push(channel);
    this.channels.set(sectionId, list);
    this.sendRaw(encodeControl({ type: 'open', sectionId }));
    channel.start();
    return channel;
  }

  /** Leaves a section's channel (its CONTROL_CLOSED answer follows). */
  leave(sectionId: string): void {
    this.sendRaw(encodeControl({ type: 'close', sectionId }));
  }

  sendRaw(frame: Uint8Array): void {
    if (this.isOpen) this.ws.send(frame);
  }

  /** Closes the socket (as a page does when it is closed or loses its network). */
  close(): void {
    this.ws.terminate();
  }

  private receive(data: Uint8Array): void {
    const { channel, message } = decodeChannelFrame(data);
    if (channel !== CONTROL_CHANNEL) {
      this.channels.get(channel)?.[0]?.receive(message);
      return;
    }
    const control = decodeControl(message);
    if (control.type === 'event') {
      this.events.push(JSON.parse(control.json) as ServerEvent);
    } else if (control.type === 'closed') {
      const list = this.channels.get(control.sectionId);
      const closed = list?.shift();
      if (list?.length === 0) this.channels.delete(control.sectionId);
      if (closed) {
        closed.closed = { code: control.code, reason: control.reason };
        closed.detach();
      }
    }
  }
}
