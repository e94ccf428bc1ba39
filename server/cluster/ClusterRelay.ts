// Between this instance's rooms and event hub and the other instances: what is stored, what
// changed and who is where goes out; what comes in is applied here. A message that is lost
// costs only liveness: after a gap (Redis away) every room catches up from the database and
// every open response asks the access gate again.
import { log } from '../log';
import type { RoomHooks } from '../sync/RoomOptions';
import type { SyncServer } from '../sync/SyncServer';
import type { Cluster, ClusterMessage } from './Cluster';
import type { ClusterEventHub } from './ClusterEventHub';

type Sync = Pick<SyncServer, 'rooms' | 'refreshAccessHere' | 'closeSessionHere'>;

export class ClusterRelay {
  private sync: Sync | null = null;

  constructor(
    private readonly cluster: Cluster,
    private readonly events: ClusterEventHub,
  ) {
    cluster.onMessage((message, from) => this.receive(message, from));
    cluster.onResync(() => this.resync());
  }

  /** What rooms report that the other instances must hear (give them to the SyncServer). */
  readonly hooks: RoomHooks = {
    // Its members see at once who is in the section on the other instances.
    onLoaded: async (room) => this.cluster.publish({ kind: 'presenceQuery', responseId: room.responseId, sectionId: room.sectionId }),
    onStored: (room, update, author) =>
      this.cluster.publish({ kind: 'update', responseId: room.responseId, sectionId: room.sectionId, update: toBase64(update), userId: author.userId || null }),
    onPresence: (room, update) => this.cluster.publish({ kind: 'presence', responseId: room.responseId, sectionId: room.sectionId, update: toBase64(update) }),
  };

  /** Starts applying news here, once the sync server exists. */
  attach(sync: Sync): void {
    this.sync = sync;
  }

  private receive(message: ClusterMessage, from: string): void {
    const sync = this.sync;
    if (!sync) return;
    switch (message.kind) {
      case 'update': {
        // A room not in memory here loads from the database, where the update already is.
        const room = sync.rooms.find(message.responseId, message.sectionId);
        if (room) void room.replica.applyStored(fromBase64(message.update), message.userId);
        return;
      }
      case 'presence':
        sync.rooms.find(message.responseId, message.sectionId)?.replica.applyPresence(fromBase64(message.update));
        return;
      case 'presenceQuery':
        sync.rooms.find(message.responseId, message.sectionId)?.replica.announcePresence();
        return;
      case 'access':
        // Nothing here to refresh: no room of the response, no page of it.
        if (sync.rooms.roomsOf(message.responseId).length === 0 && !this.events.hasPagesHere(message.responseId)) return;
        sync.refreshAccessHere(message.responseId, message.sectionId ?? undefined).catch((error: unknown) => {
          log.error('cluster.refresh_failed', { responseId: message.responseId, error: String(error) });
        });
        return;
      case 'event':
        this.events.publishHere(message.responseId, message.event);
        return;
      case 'userEvent':
        this.events.publishToUserHere(message.userId, message.event);
        return;
      case 'online':
        this.events.takeOnline(from, message.responseId, message.userIds);
        return;
      case 'session':
        sync.closeSessionHere(message.sessionHash);
        return;
      case 'resync':
        this.resync();
        return;
      default: {
        const exhaustive: never = message;
        return exhaustive;
      }
    }
  }

  /** News may have been missed: every room reads its section again, every open response its access. */
  private resync(): void {
    const sync = this.sync;
    if (!sync) return;
    const rooms = sync.rooms.all();
    log.info('cluster.resync', { rooms: rooms.length });
    for (const room of rooms) {
      room.replica.catchUp().catch((error: unknown) => log.error('cluster.catch_up_failed', { room: room.name, error: String(error) }));
    }
    for (const responseId of new Set(rooms.map((room) => room.responseId))) {
      sync.refreshAccessHere(responseId).catch((error: unknown) => log.error('cluster.refresh_failed', { responseId, error: String(error) }));
    }
  }
}

function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

function fromBase64(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64'));
}
