import * as Y from 'yjs';
import { log } from '../log';
import type { RoomDocument } from './RoomDocument';
import type { RoomLifecycle } from './RoomLifecycle';
import type { RoomPresence } from './RoomPresence';
import type { SectionLog } from './SectionLog';

/** The origin of updates another instance stored. */
const STORED_ELSEWHERE = Symbol('stored elsewhere');

/** What a room lends to its replica: its name, document, log and presence, and its queue. */
export interface ReplicatedRoom {
  name: string;
  document: RoomDocument;
  stored: SectionLog;
  presence: RoomPresence;
  /** Runs a task in the room's queue if the room is ready, its document built; else skips it. */
  whenReady(task: () => void | Promise<void>): Promise<void>;
  /** Where the room is in its life. */
  state(): RoomLifecycle['kind'];
  /** Relays an update to every connection here. */
  relay(update: Uint8Array): void;
}

/**
 * A room's side of several instances: what other instances stored (it is in the database
 * already) is taken in and relayed here, never stored again; their presence is relayed too.
 * Updates commute, so their order here does not matter; the database's row order is the one a
 * room loading later reads.
 */
export class RoomReplica {
  constructor(private readonly room: ReplicatedRoom) {}

  /** Applies an update another instance stored, and relays what this room had not got. */
  applyStored(update: Uint8Array, userId: string | null): Promise<void> {
    return this.room.whenReady(() => {
      const applied = this.integrate(() => Y.applyUpdate(this.room.document.ydoc, update, STORED_ELSEWHERE));
      if (applied) this.room.stored.storedElsewhere(applied, userId);
    });
  }

  /**
   * Reads the section's stored updates again and takes in whatever this room has not got (news
   * missed while the instances could not reach each other), relaying it to everyone here.
   */
  catchUp(): Promise<void> {
    return this.room.whenReady(async () => {
      // Loading counts the stored bytes afresh.
      const updates = await this.room.stored.load();
      this.integrate(() => this.room.document.applyAll(updates, STORED_ELSEWHERE));
    });
  }

  /** A room of this section opened on another instance: it is told who is here (onPresence). */
  announcePresence(): void {
    if (this.room.state() === 'ready') this.room.presence.announce();
  }

  /** Presence from another instance's connections (already rewritten there): relayed to everyone here. */
  applyPresence(update: Uint8Array): void {
    if (this.room.state() !== 'destroyed') this.room.presence.applyRemote(update);
  }

  /** Runs `apply` and relays what the document took in from it, which it returns. */
  private integrate(apply: () => void): Uint8Array | null {
    const { update, error } = this.room.document.capture(apply);
    if (error) log.error('sync.stored_update_failed', { room: this.room.name, error: String(error) });
    if (update) this.room.relay(update);
    return update;
  }
}
