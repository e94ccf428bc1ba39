import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import {
  CLOSE_ACCESS_CHANGED,
  CLOSE_FORBIDDEN,
  CLOSE_MALFORMED,
  CLOSE_SECTION_REMOVED,
  CLOSE_SHUTTING_DOWN,
  CLOSE_UNAUTHENTICATED,
  maxFrameBytes,
} from '../../shared/protocol';
import { isAllowedOrigin } from '../auth/origin';
import { sessionFromCookieHeader, type SessionPolicy } from '../auth/sessions';
import { log, logSecurity } from '../log';
import type { Cluster } from '../cluster/Cluster';
import type { Store } from '../store/Store';
import { Connection } from './Connection';
import { EventHub, USER_STREAM, webSocketEventSink } from './EventHub';
import type { Identity } from './Identity';
import { MAX_CONNECTIONS_PER_USER, PING_INTERVAL_MS } from './limits';
import { MultiplexSocket } from './MultiplexSocket';
import type { Room } from './Room';
import type { RoomHooks } from './RoomOptions';
import { RoomRegistry } from './RoomRegistry';
import { decideRoomAccess } from './writeAccess';
import { WritePolicy } from './WritePolicy';

const SYNC_PATH = /^\/sync\/([^/]+)\/([^/]+)$/;
/** A response page's one multiplexed socket (shared/protocol.ts). */
const RESPONSE_SYNC_PATH = /^\/sync\/([^/]+)$/;
const EVENTS_PATH = /^\/events\/([^/]+)$/;
/** The user's own event stream (notifications), for pages that show no response. */
const USER_EVENTS_PATH = '/events';

export interface SyncServerOptions {
  store: Store;
  allowedOrigins: string[];
  sessionPolicy: SessionPolicy;
  /** The largest a section's stored document may grow to. */
  maxSectionBytes: number;
  /** The event sockets' hub (made beforehand, so that what records activity can push to it). */
  events?: EventHub;
  /** What rooms report (refused writes, large deletions), for the activity record. */
  roomHooks?: RoomHooks;
  /** The other instances on the same database, told of access changes and sign-outs. */
  cluster?: Cluster;
}

/** The sync and event sockets: authenticates each upgrade, then hands it to its room or hub. */
export class SyncServer {
  readonly rooms: RoomRegistry;
  readonly events: EventHub;
  private readonly wss: WebSocketServer;
  private readonly connectionsPerUser = new Map<string, number>();
  private readonly liveSockets = new Set<WebSocket>();
  /** Whether each socket answered the last ping; one that did not by the next is dead. */
  private readonly answeredPing = new WeakMap<WebSocket, boolean>();
  private readonly pingTimer: NodeJS.Timeout;

  constructor(private readonly options: SyncServerOptions) {
    this.events = options.events ?? new EventHub();
    this.rooms = new RoomRegistry(options.store.updates, new WritePolicy({ maxSectionBytes: options.maxSectionBytes }), options.roomHooks);
    this.wss = new WebSocketServer({ noServer: true, maxPayload: maxFrameBytes(options.maxSectionBytes) });
    this.pingTimer = setInterval(() => this.pingAll(), PING_INTERVAL_MS);
    this.pingTimer.unref();
  }

  /** Takes over WebSocket upgrades on an HTTP server. */
  attach(server: Server): void {
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      this.handleUpgrade(request, socket, head).catch((error: unknown) => {
        log.error('sync.upgrade_failed', { error: String(error) });
        refuse(socket, 500, 'Internal Server Error');
      });
    });
  }

  /**
   * Asks the write gate again for every connection to a section (or to every section of a
   * response): connections that lost the right to write are closed with CLOSE_ACCESS_CHANGED
   * so their clients reconnect read-only; members removed are closed with CLOSE_FORBIDDEN.
   * Runs in each room's queue, after every update received before it.
   */
  async refreshAccess(responseId: string, sectionId?: string): Promise<void> {
    await this.refreshAccessHere(responseId, sectionId);
    this.options.cluster?.publish({ kind: 'access', responseId, sectionId: sectionId ?? null });
  }

  /** refreshAccess for this instance's rooms and event sockets only (news from another instance). */
  async refreshAccessHere(responseId: string, sectionId?: string): Promise<void> {
    const rooms = sectionId
      ? [this.rooms.find(responseId, sectionId)].filter((room): room is Room => room !== undefined)
      : this.rooms.roomsOf(responseId);
    await Promise.all(rooms.map((room) => room.runExclusive(() => this.refreshRoomHere(room))));
    const members = new Set((await this.options.store.members.list(responseId)).map((member) => member.userId));
    this.events.closeWhere(
      (id, listener) => id === responseId && !members.has(listener.userId),
      CLOSE_FORBIDDEN,
      'You are no longer a member of this response',
    );
  }

  /**
   * Applies the current rules to a room's connections; call it inside the room's queue, after
   * the change is committed. The other instances' rooms of the section do the same.
   */
  async refreshRoom(room: Room): Promise<void> {
    await this.refreshRoomHere(room);
    this.options.cluster?.publish({ kind: 'access', responseId: room.responseId, sectionId: room.sectionId });
  }

  private async refreshRoomHere(room: Room): Promise<void> {
    for (const connection of room.connections) await this.refreshConnection(room, connection);
  }

  /** Applies the current rules to one connection of a room (a socket, or a channel of one); call it inside the room's queue. */
  async refreshConnection(room: Room, connection: Connection): Promise<void> {
    const access = await decideRoomAccess(this.options.store, connection.identity.userId, room.responseId, room.sectionId);
    if (access.kind === 'unknown_section' || access.kind === 'unknown_response') {
      // Removed (perhaps on another instance): nothing more is stored for it from here.
      room.discard();
      connection.canWrite = false;
      connection.close(CLOSE_SECTION_REMOVED, 'This section was removed');
    } else if (access.kind === 'not_member') {
      connection.canWrite = false;
      connection.close(CLOSE_FORBIDDEN, 'You are no longer a member of this response');
    } else if (connection.canWrite && !access.canWrite) {
      connection.canWrite = false;
      connection.close(CLOSE_ACCESS_CHANGED, 'This section is now read-only for you');
    } else if (!connection.canWrite && access.canWrite) {
      connection.canWrite = true;
    }
  }

  /** Closes every socket opened with a session (on sign-out), on every instance. */
  closeSession(sessionHash: string): void {
    this.closeSessionHere(sessionHash);
    this.options.cluster?.publish({ kind: 'session', sessionHash });
  }

  /** closeSession for this instance's sockets only. */
  closeSessionHere(sessionHash: string): void {
    for (const room of this.rooms.all()) {
      for (const connection of room.connections) {
        if (connection.identity.sessionHash === sessionHash) connection.close(CLOSE_UNAUTHENTICATED, 'Signed out');
      }
    }
    this.events.closeWhere((_, listener) => listener.sessionHash === sessionHash, CLOSE_UNAUTHENTICATED, 'Signed out');
  }

  /** Closes every socket and stores every room (server shutdown). */
  async close(): Promise<void> {
    clearInterval(this.pingTimer);
    for (const socket of this.liveSockets) socket.close(CLOSE_SHUTTING_DOWN, 'Server shutting down');
    await this.rooms.closeAll();
    this.wss.close();
  }

  private async handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const syncMatch = SYNC_PATH.exec(url.pathname);
    const responseMatch = RESPONSE_SYNC_PATH.exec(url.pathname);
    const eventsMatch = EVENTS_PATH.exec(url.pathname);
    const userEvents = url.pathname === USER_EVENTS_PATH;
    if (!syncMatch && !responseMatch && !eventsMatch && !userEvents) return refuse(socket, 404, 'Not Found');

    if (!isAllowedOrigin(request.headers.origin, request.headers.host, this.options.allowedOrigins)) {
      logSecurity('sync.upgrade_refused', { reason: 'foreign_origin', origin: request.headers.origin });
      return refuse(socket, 403, 'Forbidden');
    }
    const { store } = this.options;
    const session = await sessionFromCookieHeader(store, request.headers.cookie, this.options.sessionPolicy);
    if (!session) {
      logSecurity('sync.upgrade_refused', { reason: 'no_session', path: url.pathname });
      return refuse(socket, 401, 'Unauthorized');
    }
    const userId = session.user.id;
    if ((this.connectionsPerUser.get(userId) ?? 0) >= MAX_CONNECTIONS_PER_USER) {
      logSecurity('sync.upgrade_refused', { reason: 'too_many_connections', userId });
      return refuse(socket, 429, 'Too Many Requests');
    }

    if (userEvents) {
      if (socket.destroyed) return;
      this.wss.handleUpgrade(request, socket, head, (ws) => {
        this.track(ws, userId);
        const remove = this.events.add(USER_STREAM, { sink: webSocketEventSink(ws), userId, sessionHash: session.tokenHash });
        ws.on('close', remove);
        ws.on('message', () => ws.close(CLOSE_FORBIDDEN, 'The event stream is read-only'));
      });
      return;
    }

    const responseId = decodeSegment(syncMatch?.[1] ?? responseMatch?.[1] ?? eventsMatch?.[1]);
    const sectionId = syncMatch ? decodeSegment(syncMatch[2]) : null;
    if (responseId === null || (syncMatch && sectionId === null)) return refuse(socket, 400, 'Bad Request');

    const access = sectionId ? await decideRoomAccess(store, userId, responseId, sectionId) : await this.responseAccess(userId, responseId);
    switch (access.kind) {
      case 'unknown_response':
      case 'unknown_section':
        return refuse(socket, 404, 'Not Found');
      case 'not_member':
        // As over HTTP: to a non-member, a response does not exist.
        logSecurity('sync.upgrade_refused', { reason: 'not_member', userId, responseId });
        return refuse(socket, 404, 'Not Found');
      case 'granted':
        break;
      default: {
        const exhaustive: never = access;
        return exhaustive;
      }
    }
    const membership = (await store.members.get(responseId, userId))!;
    const identity: Identity = { userId, name: session.user.name, membership, sessionHash: session.tokenHash };
    if (socket.destroyed) return;

    this.wss.handleUpgrade(request, socket, head, (ws) => {
      this.track(ws, userId);
      if (responseMatch) {
        this.openMultiplex(ws, identity, responseId);
        return;
      }
      if (sectionId === null) {
        const remove = this.events.add(responseId, { sink: webSocketEventSink(ws), userId, sessionHash: session.tokenHash });
        ws.on('close', remove);
        ws.on('message', () => ws.close(CLOSE_FORBIDDEN, 'The event stream is read-only'));
        return;
      }
      // The access decided above may be stale by now only if something changed in between;
      // the room asks the gate again inside its queue when that happens (refreshAccess).
      const connection = new Connection(ws, identity, { canWrite: access.canWrite, wantsAcks: url.searchParams.get('acks') === '1' }, socket);
      const room = this.rooms.get(responseId, sectionId);
      room.addConnection(connection);
      ws.on('message', (data: RawData, isBinary: boolean) => {
        if (!isBinary) {
          connection.close(CLOSE_MALFORMED, 'Text frames are not part of the protocol');
          return;
        }
        room.receive(connection, toUint8Array(data));
      });
      ws.on('close', () => room.removeConnection(connection));
    });
  }

  /** A response page's multiplexed socket: its channels' rooms, and the page's events. */
  private openMultiplex(ws: WebSocket, identity: Identity, responseId: string): void {
    const mux = new MultiplexSocket({
      ws,
      responseId,
      user: { userId: identity.userId, name: identity.name, sessionHash: identity.sessionHash },
      store: this.options.store,
      rooms: this.rooms,
      refresh: (room, connection) => this.refreshConnection(room, connection),
    });
    const removeListener = this.events.add(responseId, { sink: mux.eventSink, userId: identity.userId, sessionHash: identity.sessionHash });
    ws.on('message', (data: RawData, isBinary: boolean) => mux.receive(toUint8Array(data), isBinary));
    ws.on('close', () => {
      mux.socketClosed();
      removeListener();
    });
  }

  private async responseAccess(userId: string, responseId: string): Promise<{ kind: 'unknown_response' | 'not_member' } | { kind: 'granted'; canWrite: false }> {
    const [response, membership] = await Promise.all([this.options.store.responses.get(responseId), this.options.store.members.get(responseId, userId)]);
    if (!response) return { kind: 'unknown_response' };
    if (!membership) return { kind: 'not_member' };
    return { kind: 'granted', canWrite: false };
  }

  private track(ws: WebSocket, userId: string): void {
    this.liveSockets.add(ws);
    this.connectionsPerUser.set(userId, (this.connectionsPerUser.get(userId) ?? 0) + 1);
    this.answeredPing.set(ws, true);
    ws.on('pong', () => this.answeredPing.set(ws, true));
    ws.on('error', (error) => log.warn('sync.socket_error', { userId, error: error.message }));
    ws.on('close', () => {
      this.liveSockets.delete(ws);
      const count = (this.connectionsPerUser.get(userId) ?? 1) - 1;
      if (count <= 0) this.connectionsPerUser.delete(userId);
      else this.connectionsPerUser.set(userId, count);
    });
  }

  private pingAll(): void {
    for (const ws of this.liveSockets) {
      if (!this.answeredPing.get(ws)) {
        ws.terminate();
        continue;
      }
      this.answeredPing.set(ws, false);
      ws.ping();
    }
  }
}

function decodeSegment(segment: string | undefined): string | null {
  if (segment === undefined) return null;
  try {
    const decoded = decodeURIComponent(segment);
    return decoded.length > 0 && decoded.length <= 64 ? decoded : null;
  } catch {
    return null;
  }
}

function toUint8Array(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** Ends an upgrade with a plain HTTP status, as browsers and ws clients expect. */
function refuse(socket: Duplex, status: number, text: string): void {
  const body = JSON.stringify({ error: { code: text.toLowerCase().replace(/ /g, '_'), message: text } });
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
