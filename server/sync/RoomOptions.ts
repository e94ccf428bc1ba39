// What a room is made with, and what it reports.
import type { UpdateStore } from '../store/UpdateStore';
import type { Connection } from './Connection';
import type { Room } from './Room';
import type { WritePolicy } from './WritePolicy';

/** Who made a change the room stores: a member, or (for seeding and the like) no one. */
export interface ChangeAuthor {
  userId: string;
  name: string;
  /** Their role in the response when they made it. */
  role: string;
}

/** What a room reports to whoever records activity and history. */
export interface RoomHooks {
  /** Called once the room has loaded, before it serves anyone. */
  onLoaded?: (room: Room) => Promise<void>;
  /** Called just before a member's change is applied (the document is as it was); awaited. */
  beforeChange?: (room: Room, author: ChangeAuthor) => void | Promise<void>;
  /** Called after a change has been applied, stored and relayed; awaited (in the room's queue). */
  afterChange?: (room: Room) => void | Promise<void>;
  /** Called when the room is about to be unloaded (nobody is connected). */
  onUnload?: (room: Room) => void;
  /** Called when a connection that may not write this section tries to (each time). */
  onRefusedWrite?: (room: Room, connection: Connection) => void;
  /** Called when one update from a connection deletes much of the section's text. */
  onLargeDeletion?: (room: Room, connection: Connection, deleted: number, before: number) => void;
  /** Called once an update applied here is stored (committed), before it is relayed: other instances hear of it. */
  onStored?: (room: Room, update: Uint8Array, author: ChangeAuthor) => void;
  /** Called when presence changes here (not when it comes from another instance). */
  onPresence?: (room: Room, update: Uint8Array) => void;
}

export interface RoomOptions extends RoomHooks {
  responseId: string;
  sectionId: string;
  store: UpdateStore;
  writePolicy: WritePolicy;
  /** Called (inside the room's queue) when the last connection has left. */
  onEmpty: (room: Room) => void;
}

