import { log } from '../log';
import type { UpdateStore } from '../store/UpdateStore';
import { Room } from './Room';
import type { RoomHooks } from './RoomOptions';
import type { WritePolicy } from './WritePolicy';

/** The rooms in memory, one per section with connections. Each is loaded once and unloaded when left. */
export class RoomRegistry {
  private readonly rooms = new Map<string, Room>();

  constructor(
    private readonly store: UpdateStore,
    private readonly writePolicy: WritePolicy,
    private readonly hooks: RoomHooks = {},
  ) {}

  /** The live room of a section, created (and its load started) if needed. */
  get(responseId: string, sectionId: string): Room {
    const key = `${responseId}/${sectionId}`;
    let room = this.rooms.get(key);
    // A room whose load failed is dropped, so the next connection tries the storage again.
    if (!room || room.state === 'failed') {
      room = new Room({
        responseId,
        sectionId,
        store: this.store,
        writePolicy: this.writePolicy,
        onEmpty: (empty) => void this.unload(empty),
        ...this.hooks,
      });
      this.rooms.set(key, room);
    }
    return room;
  }

  /** The room of a section if it is in memory. */
  find(responseId: string, sectionId: string): Room | undefined {
    return this.rooms.get(`${responseId}/${sectionId}`);
  }

  /** Every room of a response that is in memory. */
  roomsOf(responseId: string): Room[] {
    return [...this.rooms.values()].filter((room) => room.responseId === responseId);
  }

  /** Every room in memory. */
  all(): Room[] {
    return [...this.rooms.values()];
  }

  get size(): number {
    return this.rooms.size;
  }

  /**
   * Runs a task in a section's room queue, loading the room for it if nobody is connected, so
   * the task sees the stored state and no write can slip in beside it.
   */
  async withRoom<T>(responseId: string, sectionId: string, task: (room: Room) => T | Promise<T>): Promise<T> {
    const room = this.get(responseId, sectionId);
    try {
      return await room.runExclusive(() => task(room));
    } finally {
      if (room.connections.size === 0) void this.unload(room);
    }
  }

  /** Resolves true once a section's document holds `stateVector` (a signer's edits), false after `timeoutMs`. */
  async waitForState(responseId: string, sectionId: string, stateVector: Map<number, number>, timeoutMs: number): Promise<boolean> {
    const room = this.get(responseId, sectionId);
    try {
      return await room.whenHolds(stateVector, timeoutMs);
    } finally {
      if (room.connections.size === 0) void this.unload(room);
    }
  }

  /** Compacts, then drops a room that nobody is using; a room that is in use again stays. */
  private async unload(room: Room): Promise<void> {
    await room.runExclusive(async () => {
      if (room.connections.size > 0 || room.state === 'destroyed') return;
      room.beforeUnload();
      try {
        await room.compact();
      } catch (error) {
        // Each update was stored on its own already; compaction only saves space.
        log.error('sync.compact_failed', { room: room.name, error: String(error) });
      }
      if (this.rooms.get(room.name) === room) this.rooms.delete(room.name);
      room.destroy();
    });
  }

  /** Compacts every room and frees them all (server shutdown). */
  async closeAll(): Promise<void> {
    await Promise.all([...this.rooms.values()].map((room) => this.unload(room)));
  }
}
